package org.vigil.stream;

import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.FIN;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

/**
 * A segment of a session in a {@link DataTransferState}: checks its timestamps, ACK and window,
 * takes its ACK, data and FIN, moves the state on, advances both directions' marks, and closes the
 * session once both FINs are ACKed.
 */
final class DataTransfer {
  private DataTransfer() {}

  static void segment(TcpConnection c, TcpSegment seg, boolean toServer, int flags) {
    c.result.tracked = true;
    TcpSide s = c.side(toServer);
    TcpSide r = c.side(!toServer);
    int seq = seg.tcpSeq();
    int len = seg.payloadLength();
    if ((flags & SYN) != 0) {
      if (!toServer && (flags & ACK) != 0 && seq == s.isn) {
        return; // SYN-ACK retransmission
      }
      c.event(StreamEvent.SYN_ON_ESTABLISHED);
      return;
    }
    if ((flags & RST) != 0) {
      c.rst(seg, s);
      return;
    }
    if (!timestampAccepted(c, seg, s)) {
      return;
    }
    if ((flags & ACK) != 0 && c.invalidAck(seg.tcpAck(), r)) {
      c.event(
          StreamEvent
              .INVALID_ACK); // Suricata drops the whole segment from its session: data, ACK and FIN
      c.progress(s, toServer);
      return;
    }
    boolean zeroWindowProbe = len == 1 && s.window == 0 && seq == s.nextSeq;
    if ((len > 0 || (flags & FIN) != 0) && !zeroWindowProbe && c.outsideWindow(s, seq + len)) {
      // neither its data, nor its FIN, nor its ACK count; the sender's next sequence number still
      // moves on
      c.event(StreamEvent.PACKET_OUTSIDE_WINDOW);
      if (seq + len - s.nextSeq > 0) {
        s.nextSeq = seq + len;
      }
      c.progress(s, toServer);
      return;
    }
    int cues =
        (toServer ? CloseCues.TO_SERVER : 0)
            | ((flags & FIN) != 0 ? CloseCues.FIN : 0)
            | ((flags & ACK) != 0 ? CloseCues.ACK : 0)
            | ((flags & ACK) != 0 && r.ackKnown && seg.tcpAck() == r.lastAck
                ? CloseCues.SAME_ACK
                : 0)
            | ((flags & FIN) != 0 && s.finSeen && seq + len == s.finSeq
                ? CloseCues.REPEATED_FIN
                : 0)
            | (seq == s.nextSeq ? CloseCues.AT_NEXT_SEQ : 0);
    if ((flags & ACK) != 0) {
      c.handleAck(seg, s, r);
    } else if (len > 0) {
      c.event(StreamEvent.MISSING_ACK);
    }
    if (len > 0) {
      c.data(seg, s, seq, len, toServer);
    }
    if ((flags & ACK) != 0 && r.finSeen && seg.tcpAck() - (r.finSeq + 1) >= 0) {
      cues |= CloseCues.ACKS_PEER_FIN;
    }
    if (c.state instanceof DataTransferState open) {
      c.state =
          open.afterSegment(
              cues); // a first FIN always leaves SYN_RECV/ESTABLISHED for a close state
    }
    if ((flags & FIN) != 0 && !s.finSeen) {
      s.finSeen = true;
      s.finSeq = seq + len;
      if (s.finSeq + 1 - s.nextSeq > 0) {
        s.nextSeq = s.finSeq + 1;
      }
      s.stream.finOffset = s.offset(s.finSeq);
    }
    TcpSide client = c.client;
    TcpSide server = c.server;
    if (!toServer) {
      client.synDataHeld = false;
    }
    if (!client.synDataHeld) {
      c.progress(s, toServer);
    }
    c.progress(r, !toServer);
    if (client.finSeen
        && server.finSeen
        && client.ackOffset() > client.stream.finOffset
        && server.ackOffset() > server.stream.finOffset) {
      c.state = ClosedState.INSTANCE;
      c.closeAll(toServer);
    }
  }

  /**
   * PAWS, when both SYNs carried timestamps: a segment with an older timestamp than the sender's
   * last is dropped.
   */
  private static boolean timestampAccepted(TcpConnection c, TcpSegment seg, TcpSide s) {
    if (!s.tsOption) {
      return true;
    }
    if (seg.hasTcpTimestamp()) {
      long tsval = seg.tcpTsVal();
      if (s.tsSeen && tsval != 0 && (int) (tsval - s.lastTsVal) < 0) {
        c.event(StreamEvent.PAWS_FAILED);
        return false;
      }
      s.tsSeen = true;
      s.lastTsVal = tsval;
    } else {
      c.event(StreamEvent.TIMESTAMP_MISSING);
    }
    return true;
  }
}
