package org.vigil.stream;

import static org.vigil.stream.CloseCues.ACK;
import static org.vigil.stream.CloseCues.FIN;
import static org.vigil.stream.CloseCues.has;

/**
 * Suricata's TIME_WAIT ({@link TcpState#CLOSING}), reached from FIN_WAIT1, FIN_WAIT2 or CLOSING; an
 * ACK without FIN ends Suricata's session ({@link DrainingState}).
 */
final class TimeWaitState implements DataTransferState {
  static final TimeWaitState INSTANCE = new TimeWaitState();

  private TimeWaitState() {}

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
    if (has(cues, ACK) && !has(cues, FIN)) {
      return DrainingState.INSTANCE;
    }
    return this;
  }
}
