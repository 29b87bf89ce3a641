package org.vigil.stream;

import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.FIN;
import static org.vigil.stream.TcpFlags.PSH;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

import org.vigil.stream.policy.OverlapPolicy;

/**
 * Test-only driver of one connection: sequence numbers are given relative to each side's ISN (1 =
 * first byte).
 */
final class Conn {
  final int isnC;
  final int isnS;
  final TcpSession session;
  final Recorder rec = new Recorder();
  final StreamCounters counters = new StreamCounters();

  Conn(StreamConfig cfg, OverlapPolicy serverPolicy, int isnC, int isnS) {
    this.isnC = isnC;
    this.isnS = isnS;
    session =
        new TcpSession(
            cfg, counters, new StreamMemory(cfg.memcap()), serverPolicy, serverPolicy, 40000, 80);
    session.setConsumer(rec);
    session.setRawInspector(rec);
  }

  Conn handshake() {
    client(Seg.of(isnC, 0, SYN, ""));
    server(Seg.of(isnS, isnC + 1, SYN | ACK, ""));
    client(Seg.of(isnC + 1, isnS + 1, ACK, ""));
    return this;
  }

  SegmentResult client(Seg s) {
    return session.process(s, true);
  }

  SegmentResult server(Seg s) {
    return session.process(s, false);
  }

  /** Client data at relative seq, acking the server's relative seq 1. */
  SegmentResult cdata(int rel, String data) {
    return client(Seg.of(isnC + rel, isnS + 1, ACK | PSH, data));
  }

  SegmentResult sdata(int rel, String data, int clientAckRel) {
    return server(Seg.of(isnS + rel, isnC + clientAckRel, ACK | PSH, data));
  }

  /** Server ACKs client data up to (not including) relative seq {@code rel}. */
  SegmentResult sack(int rel) {
    return server(Seg.of(isnS + 1, isnC + rel, ACK, ""));
  }

  SegmentResult cack(int rel) {
    return client(Seg.of(isnC + 1, isnS + rel, ACK, ""));
  }

  SegmentResult cfin(int rel) {
    return client(Seg.of(isnC + rel, isnS + 1, FIN | ACK, ""));
  }

  SegmentResult crst(int rel) {
    return client(Seg.of(isnC + rel, isnS + 1, RST | ACK, ""));
  }

  /** What the store holds for the client's data, '_' where nothing is held. */
  String stored() {
    StreamBuffer b = session.buffer(true);
    StringBuilder sb = new StringBuilder();
    for (long o = 0; o < b.maxEnd(); o++) {
      sb.append(b.covered(o) ? (char) (b.byteAt(o) & 0xff) : '_');
    }
    return sb.toString();
  }
}
