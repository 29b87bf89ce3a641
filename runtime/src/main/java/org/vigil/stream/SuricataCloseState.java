package org.vigil.stream;

/**
 * Suricata 7's TCP close states of one session, followed beside Vigil's own tracking because they decide when
 * Suricata inspects a direction's ACKed raw data whatever its size: in the states past TIME_WAIT (CLOSE_WAIT,
 * LAST_ACK, CLOSING, CLOSED). Its transitions are Suricata's, quirks included: in FIN_WAIT1 a FIN|ACK from either
 * side moves to TIME_WAIT unless it repeats the same FIN with the same ACK, and a FIN without ACK to CLOSING.
 */
final class SuricataCloseState {
    private enum State { ESTABLISHED, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, LAST_ACK, CLOSE_WAIT, CLOSING, CLOSED }

    private State state = State.ESTABLISHED;

    /** True in the states where Suricata inspects ACKed raw data on the next packet of its direction at any size. */
    boolean forcesRawInspection() {
        return state.compareTo(State.TIME_WAIT) > 0;
    }

    /** The session was reset or closed for good. */
    void closed() {
        state = State.CLOSED;
    }

    /**
     * A segment of an established session that passed the window and ACK checks.
     *
     * @param toServer    sent by the client
     * @param fin         carries FIN; {@code ack} carries ACK
     * @param repeatedFin the sender's FIN again, at the same sequence number
     * @param sameAck     its ACK equals the one the sender last sent
     * @param acksPeerFin its ACK covers the other side's FIN
     * @param atNextSeq   it starts at the sender's next sequence number (a pure ACK, nothing skipped)
     */
    void segment(boolean toServer, boolean fin, boolean ack, boolean repeatedFin, boolean sameAck,
                 boolean acksPeerFin, boolean atNextSeq) {
        switch (state) {
            case ESTABLISHED -> {
                if (fin) {
                    state = toServer ? State.CLOSE_WAIT : State.FIN_WAIT1;
                }
            }
            case FIN_WAIT1 -> {
                if (fin && ack) {
                    if (!(repeatedFin && sameAck && !toServer)) {
                        state = State.TIME_WAIT;
                    }
                } else if (fin) {
                    state = State.CLOSING;
                } else if (ack && toServer && acksPeerFin && atNextSeq) {
                    state = State.FIN_WAIT2;
                }
            }
            case FIN_WAIT2 -> {
                if (fin && !(repeatedFin && sameAck)) {
                    state = State.TIME_WAIT;
                }
            }
            case CLOSE_WAIT -> {
                if (fin && !toServer) {
                    state = State.LAST_ACK;
                }
            }
            case CLOSING -> {
                if (ack && !fin && acksPeerFin) {
                    state = State.TIME_WAIT;
                }
            }
            case TIME_WAIT, LAST_ACK -> {
                if (ack && !fin) {
                    state = State.CLOSED;
                }
            }
            case CLOSED -> { }
        }
    }
}
