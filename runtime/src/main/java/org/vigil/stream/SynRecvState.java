package org.vigil.stream;

import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

/**
 * The server answered ({@link TcpState#SYN_RECV}): its SYN-ACK, or its own SYN in a simultaneous
 * open. The client's ACK of the server's SYN establishes the session; data is already tracked as in
 * ESTABLISHED, and a FIN starts the close as it would there.
 */
final class SynRecvState implements DataTransferState {
  static final SynRecvState INSTANCE = new SynRecvState();

  private SynRecvState() {}

  @Override
  public TcpState exposed() {
    return TcpState.SYN_RECV;
  }

  @Override
  public boolean rawAtAnySize() {
    return false;
  }

  @Override
  public void segment(
      TcpConnection c, TcpSegment seg, boolean fromInitiator, boolean toServer, int flags) {
    c.result.tracked = true;
    TcpSide client = c.client;
    TcpSide server = c.server;
    TcpSide sender = c.side(toServer);
    if ((flags & SYN) != 0) {
      if (c.simultaneous && (flags & ACK) != 0) {
        // SYN-ACK of a simultaneous open: acknowledges the peer's SYN
        if (!server.isnKnown || !client.isnKnown) {
          return;
        }
        c.negotiate();
        c.handshakeSeen = true;
        c.handleAck(seg, sender, c.side(!toServer));
        if (client.ackKnown && server.ackKnown) {
          c.state = EstablishedState.INSTANCE;
        }
        return;
      }
      if (seg.tcpSeq() != sender.isn) {
        c.event(StreamEvent.SYN_RESEND_DIFFERENT_SEQ);
      }
      return;
    }
    if (toServer
        && (flags & ACK) != 0
        && (flags & RST) == 0
        && seg.tcpAck() - server.baseSeq >= 0) {
      c.state = EstablishedState.INSTANCE;
    }
    DataTransfer.segment(c, seg, toServer, flags);
  }

  @Override
  public TcpStateHandler afterSegment(int cues) {
    return EstablishedState.closeStarts(this, cues);
  }
}
