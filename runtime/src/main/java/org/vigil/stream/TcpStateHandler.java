package org.vigil.stream;

/**
 * One state of a session's TCP tracking: how a segment is handled in it, which {@link TcpState}
 * callers see, and whether Suricata's raw timing inspects ACKed data at any size in it. Suricata
 * 7's close states (FIN_WAIT1 … LAST_ACK), which decide that raw timing, are states of this one
 * machine. Handlers hold no data: they act on the {@link TcpConnection} and move it to the next
 * state by setting {@link TcpConnection#state} at the moment the connection changes state, so
 * consumers called back during a segment see the state as it is.
 */
sealed interface TcpStateHandler permits ListenState, SynSentState, DataTransferState, ClosedState {
  /** The state as callers of {@link TcpSession#state()} see it. */
  TcpState exposed();

  /**
   * True in the states where Suricata inspects a direction's ACKed raw data on that direction's
   * next packet whatever its size: its close states past TIME_WAIT (CLOSE_WAIT, LAST_ACK, CLOSING,
   * CLOSED) and a closed session.
   */
  boolean rawAtAnySize();

  /**
   * Handles a segment whose flags are a valid combination.
   *
   * @param fromInitiator sent by the flow's initiator
   * @param toServer sent by the TCP client (the SYN sender), as known before the segment
   */
  void segment(TcpConnection c, TcpSegment seg, boolean fromInitiator, boolean toServer, int flags);
}
