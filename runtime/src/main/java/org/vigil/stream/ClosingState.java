package org.vigil.stream;

import static org.vigil.stream.CloseCues.ACK;
import static org.vigil.stream.CloseCues.ACKS_PEER_FIN;
import static org.vigil.stream.CloseCues.FIN;
import static org.vigil.stream.CloseCues.has;

/**
 * Suricata's CLOSING ({@link TcpState#CLOSING}): a FIN without ACK came in FIN_WAIT1 (a
 * simultaneous close); an ACK without FIN covering the other side's FIN moves to TIME_WAIT. Raw
 * data is inspected at any size.
 */
final class ClosingState implements DataTransferState {
  static final ClosingState INSTANCE = new ClosingState();

  private ClosingState() {}

  @Override
  public TcpState exposed() {
    return TcpState.CLOSING;
  }

  @Override
  public boolean rawAtAnySize() {
    return true;
  }

  @Override
  public TcpStateHandler afterSegment(int cues) {
    if (has(cues, ACK) && !has(cues, FIN) && has(cues, ACKS_PEER_FIN)) {
      return TimeWaitState.INSTANCE;
    }
    return this;
  }
}
