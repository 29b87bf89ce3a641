package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.FIN;
import static org.vigil.stream.TcpFlags.PSH;

import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.TargetPolicies;

/**
 * The close of a session with Suricata's raw timing (IDS, 2560-byte minimum chunk): which state
 * callers see, and on which packet data below the chunk size is raw-inspected, as Suricata's close
 * states decide.
 */
class TcpCloseStatesTest {
  private static final String REQ = "GET / HTTP/1.0\r\n\r\n";
  private static final int LEN = REQ.length();

  private static Conn established() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    c.cdata(1, REQ);
    c.sack(1 + LEN);
    assertEquals(0, c.rec.chunks.size(), "ACKed but below the chunk size: waits");
    return c;
  }

  @Test
  void aClientClosingFirstHasItsSmallDataInspectedOnItsFin() {
    Conn c = established();
    c.client(Seg.of(101 + LEN, 201, FIN | ACK, "")); // Suricata's CLOSE_WAIT
    assertEquals(TcpState.CLOSING, c.session.state());
    assertEquals(REQ, c.rec.rawNewToServer.toString());
  }

  @Test
  void aServerClosingFirstLeavesSmallDataWaitingUntilTheSessionCloses() {
    Conn c = established();
    c.server(Seg.of(201, 101 + LEN, FIN | ACK, "")); // Suricata's FIN_WAIT1
    c.client(
        Seg.of(101 + LEN, 202, ACK, "")); // ACKs the FIN at its next sequence number: FIN_WAIT2
    assertEquals(TcpState.CLOSING, c.session.state());
    assertEquals(0, c.rec.chunks.size());
    c.client(Seg.of(101 + LEN, 202, FIN | ACK, "")); // TIME_WAIT
    assertEquals(0, c.rec.chunks.size(), "TIME_WAIT: small data still waits");
    c.server(Seg.of(202, 102 + LEN, ACK, "")); // both FINs ACKed
    assertEquals(TcpState.CLOSED, c.session.state());
    assertEquals(0, c.rec.chunks.size(), "the client's stream is read on a packet of its own");
    c.client(Seg.of(102 + LEN, 202, ACK, ""));
    assertEquals(REQ, c.rec.rawNewToServer.toString());
    assertEquals(1, c.session.eventCount(StreamEvent.PACKET_AFTER_CLOSE));
  }

  @Test
  void aSessionSuricataClosedKeepsTrackingUntilBothFinsAreAcked() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    c.cdata(1, REQ);
    c.server(
        Seg.of(201, 101, FIN | ACK, "")); // the server's FIN, not ACKing the request: FIN_WAIT1
    c.client(Seg.of(101 + LEN, 202, ACK, "")); // FIN_WAIT2
    c.server(Seg.of(201, 101 + LEN, FIN | ACK, "")); // its FIN again with a new ACK: TIME_WAIT
    assertEquals(0, c.rec.chunks.size());
    c.client(
        Seg.of(
            101 + LEN, 202, ACK,
            "")); // Suricata's session is CLOSED; the client's half is still open
    assertEquals(TcpState.CLOSING, c.session.state());
    assertEquals(
        REQ, c.rec.rawNewToServer.toString(), "inspected at any size once Suricata closed");

    c.client(Seg.of(101 + LEN, 202, ACK | PSH, "more"));
    c.server(Seg.of(202, 105 + LEN, ACK, ""));
    assertEquals(
        "more",
        c.rec.toServer.substring(LEN),
        "data after Suricata's close still reaches the app layer");
    c.client(Seg.of(105 + LEN, 202, ACK, ""));
    assertEquals(REQ + "more", c.rec.rawNewToServer.toString(), "and is inspected at any size");
    assertEquals(TcpState.CLOSING, c.session.state());

    c.client(Seg.of(105 + LEN, 202, FIN | ACK, ""));
    c.server(Seg.of(202, 106 + LEN, ACK, ""));
    assertEquals(TcpState.CLOSED, c.session.state());
  }
}
