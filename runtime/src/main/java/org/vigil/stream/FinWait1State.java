package org.vigil.stream;

import static org.vigil.stream.CloseCues.ACK;
import static org.vigil.stream.CloseCues.ACKS_PEER_FIN;
import static org.vigil.stream.CloseCues.AT_NEXT_SEQ;
import static org.vigil.stream.CloseCues.FIN;
import static org.vigil.stream.CloseCues.REPEATED_FIN;
import static org.vigil.stream.CloseCues.SAME_ACK;
import static org.vigil.stream.CloseCues.TO_SERVER;
import static org.vigil.stream.CloseCues.has;

/**
 * Suricata's FIN_WAIT1 ({@link TcpState#CLOSING}): the server sent the first FIN. Suricata's
 * quirks: a FIN|ACK from either side moves to TIME_WAIT unless the server repeats its FIN with the
 * same ACK, a FIN without ACK to CLOSING, and the client's pure ACK of the FIN at its next sequence
 * number to FIN_WAIT2.
 */
final class FinWait1State implements DataTransferState {
  static final FinWait1State INSTANCE = new FinWait1State();

  private FinWait1State() {}

  @Override
  public TcpState exposed() {
    return TcpState.CLOSING;
  }

  @Override
  public boolean rawAtAnySize() {
    return false;
  }

  @Override
  public TcpStateHandler afterSegment(int cues) {
    if (has(cues, FIN) && has(cues, ACK)) {
      boolean serverRepeatsFin =
          has(cues, REPEATED_FIN) && has(cues, SAME_ACK) && !has(cues, TO_SERVER);
      return serverRepeatsFin ? this : TimeWaitState.INSTANCE;
    }
    if (has(cues, FIN)) {
      return ClosingState.INSTANCE;
    }
    if (has(cues, ACK)
        && has(cues, TO_SERVER)
        && has(cues, ACKS_PEER_FIN)
        && has(cues, AT_NEXT_SEQ)) {
      return FinWait2State.INSTANCE;
    }
    return this;
  }
}
