package org.vigil.stream;

import static org.vigil.stream.CloseCues.FIN;
import static org.vigil.stream.CloseCues.REPEATED_FIN;
import static org.vigil.stream.CloseCues.SAME_ACK;
import static org.vigil.stream.CloseCues.has;

/**
 * Suricata's FIN_WAIT2 ({@link TcpState#CLOSING}): the client ACKed the server's FIN; a FIN from
 * either side that is not the same FIN again with the same ACK moves to TIME_WAIT.
 */
final class FinWait2State implements DataTransferState {
  static final FinWait2State INSTANCE = new FinWait2State();

  private FinWait2State() {}

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
    if (has(cues, FIN) && !(has(cues, REPEATED_FIN) && has(cues, SAME_ACK))) {
      return TimeWaitState.INSTANCE;
    }
    return this;
  }
}
