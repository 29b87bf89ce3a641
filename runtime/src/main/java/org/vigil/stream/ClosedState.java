package org.vigil.stream;

import static org.vigil.stream.TcpFlags.RST;

/**
 * The session is over ({@link TcpState#CLOSED}): both FINs ACKed, a RST accepted, or the flow
 * ended. Segments are not tracked; any but a RST raises {@link StreamEvent#PACKET_AFTER_CLOSE}. Raw
 * data still owed to a direction is inspected on its next packet at any size.
 */
final class ClosedState implements TcpStateHandler {
  static final ClosedState INSTANCE = new ClosedState();

  private ClosedState() {}

  @Override
  public TcpState exposed() {
    return TcpState.CLOSED;
  }

  @Override
  public boolean rawAtAnySize() {
    return true;
  }

  @Override
  public void segment(
      TcpConnection c, TcpSegment seg, boolean fromInitiator, boolean toServer, int flags) {
    if ((flags & RST) == 0) {
      c.event(StreamEvent.PACKET_AFTER_CLOSE);
    }
  }
}
