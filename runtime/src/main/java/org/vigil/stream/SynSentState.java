package org.vigil.stream;

import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

/**
 * The client's SYN was seen ({@link TcpState#SYN_SENT}): waits for the server's SYN-ACK (or its
 * SYN, a simultaneous open); a RST from the client, or from the server ACKing the SYN, closes the
 * session.
 */
final class SynSentState implements TcpStateHandler {
  static final SynSentState INSTANCE = new SynSentState();

  private SynSentState() {}

  @Override
  public TcpState exposed() {
    return TcpState.SYN_SENT;
  }

  @Override
  public boolean rawAtAnySize() {
    return false;
  }

  @Override
  public void segment(
      TcpConnection c, TcpSegment seg, boolean fromInitiator, boolean toServer, int flags) {
    c.result.tracked = true;
    if (!toServer || (flags & SYN) == 0) {
      c.ensureStreams(); // only the client's SYN resent leaves them unopened
    }
    if (toServer) {
      fromClient(c, seg, flags);
    } else {
      fromServer(c, seg, flags);
    }
  }

  private static void fromClient(TcpConnection c, TcpSegment seg, int flags) {
    TcpSide client = c.client;
    int seq = seg.tcpSeq();
    if ((flags & SYN) != 0) {
      if (seq != client.isn) {
        c.event(StreamEvent.SYN_RESEND_DIFFERENT_SEQ);
        if (client.stream == null || client.stream.buffer.maxEnd() == 0) {
          client.setIsn(seq);
          client.readOptions(seg);
        }
      }
      return;
    }
    if ((flags & RST) != 0) {
      c.state = ClosedState.INSTANCE;
      c.event(StreamEvent.RST_ACCEPTED);
      c.closeAll(true);
    }
    // anything else: no SYN-ACK seen yet, nothing the server accepted
  }

  private static void fromServer(TcpConnection c, TcpSegment seg, int flags) {
    TcpSide client = c.client;
    TcpSide server = c.server;
    int seq = seg.tcpSeq();
    if ((flags & RST) != 0) {
      // RST answer to the SYN: valid when it ACKs the SYN
      if ((flags & ACK) != 0
          && seg.tcpAck() - client.baseSeq >= 0
          && seg.tcpAck() - (client.baseSeq + client.synDataLen) <= 0) {
        c.event(StreamEvent.RST_ACCEPTED);
        c.state = ClosedState.INSTANCE;
        c.closeAll(false);
      } else {
        c.event(StreamEvent.RST_BAD_SEQ);
      }
      return;
    }
    if ((flags & SYN) == 0) {
      return;
    }
    if ((flags & ACK) == 0) {
      c.event(StreamEvent.SIMULTANEOUS_OPEN);
      c.simultaneous = true;
      server.setIsn(seq);
      server.readOptions(seg);
      c.state = SynRecvState.INSTANCE;
      return;
    }
    int ack = seg.tcpAck();
    if (ack - client.baseSeq < 0 || ack - (client.baseSeq + client.synDataLen) > 0) {
      c.event(StreamEvent.SYNACK_BAD_ACK);
      return;
    }
    server.setIsn(seq);
    server.readOptions(seg);
    c.negotiate();
    c.handshakeSeen = true;
    if (client.synDataLen > 0 && ack == client.baseSeq) {
      // the server did not accept the data on the SYN: the host never sees it, so neither may the
      // engine
      c.dropSynData();
    }
    client.ackKnown = true;
    client.lastAck = ack;
    client.window = seg.tcpWindow(); // windows in SYN segments are never scaled
    client.advertised();
    c.state = SynRecvState.INSTANCE;
    if (seg.payloadLength() > 0) {
      c.event(StreamEvent.DATA_ON_SYN);
      server.synDataLen = seg.payloadLength();
      c.storeData(server, seg, seq + 1, seg.payloadLength(), false);
    }
    // TCP Fast Open: the SYN-ACK ACKs the SYN's data, but Suricata hands it to the app layer only
    // on a later
    // packet to the client, as any client data (its SYN_SENT state runs no reassembly)
    client.synDataHeld = client.synDataLen > 0;
  }
}
