package org.vigil.stream;

import static org.vigil.stream.CloseCues.FIN;
import static org.vigil.stream.CloseCues.TO_SERVER;
import static org.vigil.stream.CloseCues.has;

/**
 * Suricata's CLOSE_WAIT ({@link TcpState#CLOSING}): the client sent the first FIN; the server's FIN
 * moves to LAST_ACK. Raw data is inspected at any size from here on.
 */
final class CloseWaitState implements DataTransferState {
  static final CloseWaitState INSTANCE = new CloseWaitState();

  private CloseWaitState() {}

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
    if (has(cues, FIN) && !has(cues, TO_SERVER)) {
      return LastAckState.INSTANCE;
    }
    return this;
  }
}
