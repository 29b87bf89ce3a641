package org.vigil.stream;

import static org.vigil.stream.CloseCues.ACK;
import static org.vigil.stream.CloseCues.FIN;
import static org.vigil.stream.CloseCues.has;

/**
 * Suricata's LAST_ACK ({@link TcpState#CLOSING}): the server's FIN followed the client's; an ACK
 * without FIN ends Suricata's session ({@link DrainingState}). Raw data is inspected at any size.
 */
final class LastAckState implements DataTransferState {
  static final LastAckState INSTANCE = new LastAckState();

  private LastAckState() {}

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
    if (has(cues, ACK) && !has(cues, FIN)) {
      return DrainingState.INSTANCE;
    }
    return this;
  }
}
