package org.vigil.stream;

/**
 * Suricata's session is CLOSED (the last ACK of its close was seen) while one FIN is not yet ACKed
 * past its sequence number ({@link TcpState#CLOSING}): segments are still tracked until both FINs
 * are ACKed, and raw data is inspected at any size, as Suricata does once closed.
 */
final class DrainingState implements DataTransferState {
  static final DrainingState INSTANCE = new DrainingState();

  private DrainingState() {}

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
    return this;
  }
}
