package org.vigil.stream;

import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

/**
 * No connection tracked yet: nothing seen ({@link TcpState#NONE}), or only segments without a SYN
 * while midstream pickup is off ({@link TcpState#UNTRACKED}). A SYN opens the session; with
 * midstream pickup an ACK or SYN-ACK picks it up.
 */
final class ListenState implements TcpStateHandler {
  /** Nothing seen yet. */
  static final ListenState NONE = new ListenState(TcpState.NONE);

  /** Segments without a SYN seen, not tracked. */
  static final ListenState UNTRACKED = new ListenState(TcpState.UNTRACKED);

  private final TcpState exposed;

  private ListenState(TcpState exposed) {
    this.exposed = exposed;
  }

  @Override
  public TcpState exposed() {
    return exposed;
  }

  @Override
  public boolean rawAtAnySize() {
    return false;
  }

  @Override
  public void segment(
      TcpConnection c, TcpSegment seg, boolean fromInitiator, boolean toServer, int flags) {
    if ((flags & SYN) != 0 && (flags & ACK) == 0) {
      syn(c, seg, fromInitiator);
      return;
    }
    if (!c.config.midstream()) {
      if (this == NONE) {
        c.event(StreamEvent.MIDSTREAM_NOT_TRACKED);
        c.state = UNTRACKED;
      }
      return;
    }
    if ((flags & ACK) == 0 || (flags & RST) != 0) {
      return;
    }
    midstream(c, seg, fromInitiator, flags);
  }

  /** The client's SYN: the sender is the client. */
  private static void syn(TcpConnection c, TcpSegment seg, boolean fromInitiator) {
    TcpSide client = c.client;
    c.clientIsInitiator = fromInitiator;
    c.result.toServer = true;
    c.result.tracked = true;
    if (seg.payloadLength() > 0) {
      c.openStreams();
    } // else the streams wait for the next segment: a SYN that is never answered holds none
    client.setIsn(seg.tcpSeq());
    client.readOptions(seg);
    client.window = -1;
    c.state = SynSentState.INSTANCE;
    client.fastOpen = seg.tcpTfo();
    if (seg.payloadLength() > 0) {
      c.event(StreamEvent.DATA_ON_SYN);
      if (client.fastOpen) {
        // as Suricata: data on a SYN counts only with a TCP Fast Open option; a SYN-ACK
        // acknowledging
        // data on a plain SYN does not fit the handshake and is refused
        client.synDataLen = seg.payloadLength();
        c.storeData(client, seg, seg.tcpSeq() + 1, seg.payloadLength(), true);
      }
    }
  }

  /**
   * Midstream pickup: the sender of this segment is taken as the client (direction unknown
   * otherwise).
   */
  private static void midstream(TcpConnection c, TcpSegment seg, boolean fromInitiator, int flags) {
    TcpSide client = c.client;
    TcpSide server = c.server;
    c.event(StreamEvent.MIDSTREAM_PICKUP);
    c.clientIsInitiator = fromInitiator;
    c.result.toServer = true;
    c.result.tracked = true;
    c.openStreams();
    int seq = seg.tcpSeq();
    if ((flags & SYN) != 0) {
      // SYN-ACK without the SYN: the sender is the server
      c.clientIsInitiator = !fromInitiator;
      c.result.toServer = false;
      server.setIsn(seq);
      server.readOptions(seg);
      client.setIsn(seg.tcpAck() - 1);
      client.ackKnown = true;
      client.lastAck = seg.tcpAck();
      c.state = SynRecvState.INSTANCE;
      return;
    }
    client.setIsn(seq - 1);
    server.setIsn(seg.tcpAck() - 1);
    server.ackKnown = true;
    server.lastAck = seg.tcpAck();
    c.state = EstablishedState.INSTANCE;
    DataTransfer.segment(c, seg, true, flags);
  }
}
