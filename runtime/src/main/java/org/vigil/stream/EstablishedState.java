package org.vigil.stream;

import static org.vigil.stream.CloseCues.FIN;
import static org.vigil.stream.CloseCues.TO_SERVER;
import static org.vigil.stream.CloseCues.has;

/**
 * Handshake complete, or picked up midstream ({@link TcpState#ESTABLISHED}). The first FIN starts
 * the close: a client's FIN leads to CLOSE_WAIT, a server's to FIN_WAIT1, as Suricata names the
 * session's close states from the server's side.
 */
final class EstablishedState implements DataTransferState {
  static final EstablishedState INSTANCE = new EstablishedState();

  private EstablishedState() {}

  @Override
  public TcpState exposed() {
    return TcpState.ESTABLISHED;
  }

  @Override
  public boolean rawAtAnySize() {
    return false;
  }

  @Override
  public TcpStateHandler afterSegment(int cues) {
    return closeStarts(this, cues);
  }

  /**
   * From {@code open} (a state before any FIN), the state a segment leads to: {@code open} unless
   * it has a FIN.
   */
  static TcpStateHandler closeStarts(DataTransferState open, int cues) {
    if (!has(cues, FIN)) {
      return open;
    }
    return has(cues, TO_SERVER) ? CloseWaitState.INSTANCE : FinWait1State.INSTANCE;
  }
}
