package org.vigil.stream;

/**
 * A state in which both sides' data, ACKs and FINs are tracked ({@link DataTransfer}): SYN_RECV,
 * ESTABLISHED and the close states. Each says which state a segment that passed the window and ACK
 * checks leads to; the close states follow Suricata 7's transitions, quirks included, since they
 * decide when it inspects raw data at any size.
 */
sealed interface DataTransferState extends TcpStateHandler
    permits SynRecvState,
        EstablishedState,
        FinWait1State,
        FinWait2State,
        ClosingState,
        CloseWaitState,
        LastAckState,
        TimeWaitState,
        DrainingState {

  @Override
  default void segment(
      TcpConnection c, TcpSegment seg, boolean fromInitiator, boolean toServer, int flags) {
    DataTransfer.segment(c, seg, toServer, flags);
  }

  /**
   * The state after a segment that passed the checks, from what it shows ({@link CloseCues} bits).
   */
  TcpStateHandler afterSegment(int cues);
}
