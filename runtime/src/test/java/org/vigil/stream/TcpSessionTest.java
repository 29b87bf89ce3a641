package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.FIN;
import static org.vigil.stream.TcpFlags.PSH;
import static org.vigil.stream.TcpFlags.SYN;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.TargetPolicies;

/** Sessions built in code: what the app layer, raw inspection (IDS) and the inline window see. */
class TcpSessionTest {
  private static final String REQ = "GET /cgi-bin/attack.exe?x=1 HTTP/1.0\r\nHost: a\r\n\r\n";

  private static StreamConfig ids(int reach) {
    return StreamConfig.ids().withRawChunks(16, reach);
  }

  /**
   * Counts pattern matches the way the detection engine must: only matches ending in a chunk's new
   * bytes.
   */
  private static int matches(List<RawChunk> chunks, String pattern) {
    int n = 0;
    for (RawChunk c : chunks) {
      String s = new String(c.buf(), c.off(), c.len(), StandardCharsets.ISO_8859_1);
      for (int i = s.indexOf(pattern); i >= 0; i = s.indexOf(pattern, i + 1)) {
        if (i + pattern.length() > c.newStart()) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void oneByteSegmentsAreReassembledAndAPatternIsSeenOnceAcrossChunks() {
    Conn c =
        new Conn(ids("attack.exe".length() - 1), TargetPolicies.require("bsd"), 77, 9000)
            .handshake();
    for (int i = 0; i < REQ.length(); i++) {
      c.cdata(1 + i, REQ.substring(i, i + 1));
      if (i % 3 == 2) {
        c.sack(2 + i); // ACK every third byte: many small raw chunks
      }
    }
    c.sack(1 + REQ.length());
    assertEquals(REQ, c.rec.toServer.toString());
    assertEquals(REQ, c.rec.rawNewToServer.toString());
    assertTrue(c.rec.chunks.size() > 10, "many chunks: " + c.rec.chunks.size());
    assertEquals(1, matches(c.rec.chunks, "attack.exe"));
    // every chunk after the first repeats exactly the reach (9 bytes) of earlier data when
    // available
    for (RawChunk ch : c.rec.chunks) {
      assertEquals(Math.min(9, ch.streamOffset() + ch.newStart()), ch.newStart());
    }
  }

  @Test
  void inlineOneByteSegmentsShowThePatternOnTheSegmentThatCompletesIt() {
    Conn c =
        new Conn(
                StreamConfig.inline(port -> "attack.exe".length() - 1),
                TargetPolicies.require("bsd"),
                5,
                6)
            .handshake();
    int completedAt = -1;
    int seen = 0;
    for (int i = 0; i < REQ.length(); i++) {
      SegmentResult r = c.cdata(1 + i, REQ.substring(i, i + 1));
      String w = new String(r.windowBytes(), StandardCharsets.ISO_8859_1);
      int at = w.indexOf("attack.exe");
      if (at >= 0 && at + "attack.exe".length() > r.windowNewStart()) {
        seen++;
        completedAt = i;
      }
    }
    assertEquals(1, seen, "the pattern is seen once, before its last byte is released");
    assertEquals(REQ.indexOf("attack.exe") + "attack.exe".length() - 1, completedAt);
    assertEquals(REQ, c.rec.toServer.toString());
  }

  @Test
  void idsDeliversOnlyAckedData() {
    Conn c = new Conn(ids(4), TargetPolicies.require("bsd"), 1, 2).handshake();
    c.cdata(1, "hello ");
    c.cdata(7, "world");
    assertEquals("", c.rec.toServer.toString());
    assertEquals(0, c.rec.chunks.size());
    c.sack(7);
    assertEquals("hello ", c.rec.toServer.toString());
    c.sack(12);
    assertEquals("hello world", c.rec.toServer.toString());
    assertEquals(List.of(">hello ", ">world"), c.rec.calls);
  }

  @Test
  void outOfOrderSegmentsAreDeliveredInOrder() {
    Conn c = new Conn(ids(5), TargetPolicies.require("linux"), -5, 100).handshake();
    int[] order = {5, 0, 3, 1, 4, 2};
    String[] parts = {"GET /", "cgi-b", "in/at", "tack.", "exe?x", "=1"};
    for (int k : order) {
      c.cdata(1 + k * 5, parts[k]);
    }
    c.sack(1 + 27);
    assertEquals(String.join("", parts), c.rec.toServer.toString());
    assertEquals(1, matches(c.rec.chunks, "attack"));
  }

  @Test
  void overlappingRetransmissionWithDifferentDataFollowsTheTargetPolicyInIds() {
    for (String[] pe :
        new String[][] {
          {"bsd", "GET /attack"}, {"first", "GET /benign"}, {"last", "GET /attack"}
        }) {
      Conn c = new Conn(ids(5), TargetPolicies.require(pe[0]), 10, 20).handshake();
      c.cdata(1, "GET /");
      c.cdata(6, "benign");
      c.cdata(5, "/attac"); // starts before the stored "benign", ends inside it
      c.cdata(11, "n");
      c.sack(12);
      String expected =
          pe[0].equals("first")
              ? "GET /benign"
              : pe[0].equals("bsd") ? "GET /attacn" : "GET /attacn";
      assertEquals(expected, c.rec.toServer.toString(), pe[0]);
      assertEquals(1, c.session.eventCount(StreamEvent.OVERLAP_DIFFERENT_DATA), pe[0]);
      assertEquals(1, c.counters.get(StreamEvent.OVERLAP_DIFFERENT_DATA));
    }
  }

  @Test
  void inlineNormalizesOverlapsToTheFirstDataAndRewritesThePacket() {
    Conn c =
        new Conn(StreamConfig.inline(p -> 8), TargetPolicies.require("last"), 10, 20).handshake();
    c.cdata(1, "GET /");
    c.cdata(6, "benign");
    Seg evil = Seg.of(10 + 5, 21, ACK | PSH, "/attack");
    SegmentResult r = c.client(evil);
    assertTrue(r.payloadRewritten());
    assertTrue(r.has(StreamEvent.OVERLAP_DIFFERENT_DATA));
    assertEquals("/benign", evil.payload(), "the packet now carries the first data");
    assertEquals(
        "GET /benign",
        c.rec.toServer.toString(),
        "inline delivers in-order data without waiting for the ACK");
    SegmentResult same = c.cdata(6, "benign");
    assertFalse(same.payloadRewritten());
    assertTrue(same.has(StreamEvent.RETRANSMISSION));
  }

  @Test
  void inlineWindowShowsAPatternSplitOverSegmentsOnTheLastOne() {
    Conn c =
        new Conn(
                StreamConfig.inline(port -> port == 80 ? 16 : 0),
                TargetPolicies.require("bsd"),
                3,
                4)
            .handshake();
    SegmentResult r1 = c.cdata(1, "xxxxEVIL");
    assertEquals("xxxxEVIL", new String(r1.windowBytes(), StandardCharsets.ISO_8859_1));
    SegmentResult r2 = c.cdata(9, "PAY");
    assertEquals("xxxxEVILPAY", new String(r2.windowBytes(), StandardCharsets.ISO_8859_1));
    assertEquals(8, r2.windowNewStart());
    SegmentResult r3 = c.cdata(12, "LOADyyyyyyyyyyyyyyyy");
    String w3 = new String(r3.windowBytes(), StandardCharsets.ISO_8859_1);
    assertEquals("xxxEVILPAYLOADyyyyyyyyyyyyyyyy".substring(1), w3.substring(w3.length() - 29));
    assertTrue(w3.contains("EVILPAYLOAD"));
    assertEquals(w3.length() - 20, r3.windowNewStart());
    assertEquals(
        11, r3.windowNewStart(), "all 11 earlier bytes fit in the 16-byte look-behind of port 80");
    SegmentResult r4 = c.cdata(32, "z");
    assertEquals(17, r4.windowLen(), "16 bytes of look-behind for port 80, then the new byte");
  }

  @Test
  void inlineRetransmissionOfDataStillHeldHasNoWindowButIsStreamData() {
    Conn c = new Conn(StreamConfig.inline(p -> 4), TargetPolicies.require("bsd"), 3, 4).handshake();
    SegmentResult first = c.cdata(1, "EVIL");
    assertEquals("EVIL", new String(first.windowBytes(), StandardCharsets.ISO_8859_1));
    SegmentResult again = c.cdata(1, "EVIL");
    assertTrue(again.has(StreamEvent.RETRANSMISSION));
    assertFalse(again.hasWindow(), "the retransmitted bytes were inspected with the first copy");
    assertTrue(again.stored(), "its payload is stream data, not a packet payload for every rule");
    SegmentResult ahead = c.cdata(9, "LOAD");
    assertTrue(ahead.hasWindow());
    assertFalse(c.cdata(9, "LOAD").hasWindow(), "nor beyond a hole");
    assertEquals("EVIL", c.rec.toServer.toString(), "the data is delivered once");
  }

  @Test
  void inlineWindowOnAHoleFillingSegmentCoversTheDataAfterIt() {
    Conn c = new Conn(StreamConfig.inline(p -> 4), TargetPolicies.require("bsd"), 3, 4).handshake();
    c.cdata(1, "abc");
    SegmentResult later = c.cdata(8, "LOAD");
    assertEquals("LOAD", new String(later.windowBytes(), StandardCharsets.ISO_8859_1));
    SegmentResult fill = c.cdata(4, "EVIL");
    assertEquals("abcEVILLOAD", new String(fill.windowBytes(), StandardCharsets.ISO_8859_1));
    assertEquals("abcEVILLOAD", c.rec.toServer.toString());
  }

  @Test
  void rstWithBadSequenceIsIgnoredAndPerPolicy() {
    Conn bsd = new Conn(ids(4), TargetPolicies.require("bsd"), 500, 600).handshake();
    bsd.cdata(1, "abcd");
    bsd.sack(5);
    bsd.crst(9); // not exactly next_seq (5): bsd drops it
    assertEquals(1, bsd.session.eventCount(StreamEvent.RST_BAD_SEQ));
    assertEquals(TcpState.ESTABLISHED, bsd.session.state());
    bsd.cdata(5, "efgh");
    bsd.sack(9);
    assertEquals("abcdefgh", bsd.rec.toServer.toString());
    bsd.crst(9);
    assertEquals(TcpState.CLOSED, bsd.session.state());
    assertEquals(List.of(">abcd", ">efgh", ">close", "<close"), bsd.rec.calls);

    Conn linux = new Conn(ids(4), TargetPolicies.require("linux"), 500, 600).handshake();
    linux.cdata(1, "abcd");
    linux.sack(5);
    linux.crst(9); // inside the window: linux accepts
    assertEquals(TcpState.CLOSED, linux.session.state());
    assertEquals(1, linux.session.eventCount(StreamEvent.RST_ACCEPTED));
  }

  @Test
  void dataOnAFastOpenSynIsReassembled() {
    Conn c = new Conn(ids(4), TargetPolicies.require("bsd"), 1000, 2000);
    c.client(Seg.of(1000, 0, SYN, "HELLO").withTfo());
    c.server(Seg.of(2000, 1000 + 1 + 5, SYN | ACK, ""));
    c.client(Seg.of(1006, 2001, ACK, ""));
    c.cdata(6, " WORLD");
    c.sack(12);
    assertEquals("HELLO WORLD", c.rec.toServer.toString());
    assertEquals(1, c.session.eventCount(StreamEvent.DATA_ON_SYN));
  }

  @Test
  void dataOnASynWithoutFastOpenIsIgnoredAndASynAckAcceptingItIsRefused() {
    Conn c = new Conn(ids(4), TargetPolicies.require("bsd"), 1000, 2000);
    c.client(Seg.of(1000, 0, SYN, "HELLO"));
    c.server(Seg.of(2000, 1000 + 1 + 5, SYN | ACK, ""));
    assertEquals(1, c.session.eventCount(StreamEvent.DATA_ON_SYN));
    assertEquals(
        1,
        c.session.eventCount(StreamEvent.SYNACK_BAD_ACK),
        "as Suricata: the SYN-ACK does not fit");
    assertEquals(TcpState.SYN_SENT, c.session.state());
  }

  @Test
  void dataOnSynThatTheServerDidNotAcceptIsDropped() {
    Conn c = new Conn(ids(4), TargetPolicies.require("bsd"), 1000, 2000);
    c.client(Seg.of(1000, 0, SYN, "BENIGN").withTfo());
    c.server(Seg.of(2000, 1001, SYN | ACK, "")); // ACKs the SYN only: the TFO data was refused
    c.client(Seg.of(1001, 2001, ACK, ""));
    c.cdata(1, "ATTACK");
    c.sack(7);
    assertEquals("ATTACK", c.rec.toServer.toString());
    assertEquals(0, c.session.eventCount(StreamEvent.OVERLAP_DIFFERENT_DATA));
  }

  @Test
  void midstreamSessionsDoNotGuessTheWindowScale() {
    Conn c = new Conn(ids(3).withMidstream(true), TargetPolicies.require("bsd"), 1, 1);
    c.cdata(1, "a");
    c.server(Seg.of(2, 2, ACK, 10, new byte[0])); // raw window 10, scale unknown
    c.cdata(2, "b".repeat(1000));
    c.sack(1002);
    assertEquals(1001, c.rec.toServer.length());
    assertEquals(0, c.session.eventCount(StreamEvent.PACKET_OUTSIDE_WINDOW));
  }

  @Test
  void aGapConfirmedByAckIsSkippedAndReported() {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1).handshake();
    c.cdata(1, "0123456789");
    c.cdata(21, "ABCDEFGHIJ");
    c.sack(11);
    assertEquals("0123456789", c.rec.toServer.toString());
    c.sack(31);
    assertEquals(List.of(">0123456789", ">gap10", ">ABCDEFGHIJ"), c.rec.calls);
    assertEquals(1, c.session.eventCount(StreamEvent.GAP));
    RawChunk last = c.rec.chunks.getLast();
    assertTrue(last.afterGap());
    assertEquals(0, last.newStart(), "nothing is repeated across a gap");
    assertEquals("0123456789__________ABCDEFGHIJ", c.rec.rawNewToServer.toString());
  }

  @Test
  void dataArrivingInASkippedGapIsNotComparedWithBytesNeverReceived() {
    for (StreamConfig cfg : List.of(ids(3), StreamConfig.inline(p -> 4))) {
      Conn c = new Conn(cfg, TargetPolicies.require("bsd"), 1, 1).handshake();
      c.cdata(1, "0123456789");
      c.cdata(21, "ABCDEFGHIJ");
      c.sack(31); // the receiver got 11..20 (we did not): a gap
      Seg late = Seg.of(1 + 11, 1 + 1, ACK | PSH, "abcdefghij");
      SegmentResult r = c.client(late);
      assertFalse(r.has(StreamEvent.OVERLAP_DIFFERENT_DATA), cfg.mode().toString());
      assertFalse(r.payloadRewritten(), cfg.mode().toString());
      assertEquals("abcdefghij", late.payload());
      assertEquals(List.of(">0123456789", ">gap10", ">ABCDEFGHIJ"), c.rec.calls);
    }
  }

  @Test
  void midstreamIsOffByDefaultAndConfigurable() {
    Conn off = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1);
    off.cdata(1, "data");
    off.sack(5);
    assertEquals("", off.rec.toServer.toString());
    assertEquals(TcpState.UNTRACKED, off.session.state());
    assertEquals(1, off.session.eventCount(StreamEvent.MIDSTREAM_NOT_TRACKED));

    Conn on = new Conn(ids(3).withMidstream(true), TargetPolicies.require("bsd"), 1, 1);
    on.cdata(1, "data");
    on.sdata(1, "resp", 5);
    on.cack(5);
    assertEquals("data", on.rec.toServer.toString());
    assertEquals("resp", on.rec.toClient.toString());
    assertEquals(TcpState.ESTABLISHED, on.session.state());
  }

  @Test
  void finClosesAfterTheDataAndDataAfterFinIsDropped() {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1).handshake();
    c.cdata(1, "bye");
    c.cfin(4);
    c.cdata(4, "MORE");
    c.sack(5);
    assertEquals(List.of(">bye", ">close"), c.rec.calls);
    assertEquals(1, c.session.eventCount(StreamEvent.DATA_AFTER_FIN));
  }

  @Test
  void pawsDropsSegmentsWithOlderTimestamps() {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1);
    c.client(Seg.of(1, 0, SYN, "").withTs(100, 0));
    c.server(Seg.of(1, 2, SYN | ACK, "").withTs(500, 100));
    c.client(Seg.of(2, 2, ACK, "").withTs(101, 500));
    c.client(Seg.of(2, 2, ACK | PSH, "good").withTs(102, 500));
    SegmentResult r = c.client(Seg.of(2, 2, ACK | PSH, "EVIL").withTs(50, 500));
    assertTrue(r.has(StreamEvent.PAWS_FAILED));
    c.server(Seg.of(2, 6, ACK, "").withTs(501, 102));
    assertEquals("good", c.rec.toServer.toString());
    assertEquals(0, c.session.eventCount(StreamEvent.OVERLAP_DIFFERENT_DATA));
  }

  @Test
  void depthStopsReassembly() {
    Conn c = new Conn(ids(3).withDepth(10), TargetPolicies.require("bsd"), 1, 1).handshake();
    c.cdata(1, "0123456789ABCDEF");
    c.cdata(17, "GHIJ");
    c.sack(21);
    assertEquals("0123456789", c.rec.toServer.toString());
    assertEquals(1, c.session.eventCount(StreamEvent.DEPTH_REACHED));
    assertEquals(
        0, c.session.buffer(true).array().length, "the direction's memory is returned at depth");
    c.cdata(5, "XXXX");
    assertEquals("0123456789", c.rec.toServer.toString());
  }

  @Test
  void memcapRefusesStorage() {
    Conn c = new Conn(ids(3).withMemcap(100), TargetPolicies.require("bsd"), 1, 1).handshake();
    SegmentResult r = c.cdata(1, "x".repeat(200));
    assertTrue(r.has(StreamEvent.MEMCAP_REACHED));
    assertFalse(r.stored());
  }

  @Test
  void keepAlivesAndZeroWindowProbesAreNotData() {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1).handshake();
    c.cdata(1, "abc");
    c.sack(4);
    SegmentResult ka = c.cdata(3, "Z");
    assertTrue(ka.has(StreamEvent.KEEPALIVE));
    c.server(Seg.of(2, 4, ACK, 0, new byte[0])); // zero window
    SegmentResult probe = c.cdata(4, "P");
    assertTrue(probe.has(StreamEvent.ZERO_WINDOW_PROBE));
    c.server(Seg.of(2, 4, ACK, 1000, new byte[0]));
    c.cdata(4, "def");
    c.sack(7);
    assertEquals("abcdef", c.rec.toServer.toString());
    assertEquals(0, c.session.eventCount(StreamEvent.OVERLAP_DIFFERENT_DATA));
  }

  @Test
  void aSegmentEndingPastTheWindowEdgeIsDroppedWithItsAckAndFin() {
    Conn c = offering(10);
    c.cdata(1, "0123456");
    SegmentResult past =
        c.cdata(8, "789ab"); // starts inside the window, ends 2 bytes past its edge
    assertTrue(past.has(StreamEvent.PACKET_OUTSIDE_WINDOW));
    assertFalse(past.stored());
    c.server(
        Seg.of(
            2,
            1 + 8,
            ACK,
            3,
            new byte[0])); // ACKs 7 bytes, offers 3 more: the edge stays at rel 11
    SegmentResult fin =
        c.client(Seg.of(1 + 13, 2, FIN | ACK, "")); // the FIN after it lies past the edge too
    assertTrue(fin.has(StreamEvent.PACKET_OUTSIDE_WINDOW));
    assertEquals(TcpState.ESTABLISHED, c.session.state());
    c.cdata(8, "789");
    c.sack(11);
    assertEquals("0123456789", c.rec.toServer.toString());
  }

  @Test
  void anAckPastTheWindowTheAckedSideWasOfferedIgnoresTheWholeSegment() {
    Conn c = offering(10);
    c.cdata(1, "0123456789");
    // the server ACKs 100 bytes while it offered 10: its segment, data and ACK alike, is not taken
    SegmentResult bad = c.server(Seg.of(2, 2 + 100, ACK | PSH, 10, "HTTP".getBytes()));
    assertTrue(bad.has(StreamEvent.INVALID_ACK));
    assertFalse(bad.stored());
    assertEquals("", c.rec.toServer.toString());
    assertEquals("", c.rec.toClient.toString());
    c.sack(11);
    assertEquals("0123456789", c.rec.toServer.toString());
  }

  @Test
  void segmentsOutsideTheWindowAreDropped() {
    Conn c = offering(100);
    SegmentResult r = c.cdata(1 + 500, "far");
    assertTrue(r.has(StreamEvent.PACKET_OUTSIDE_WINDOW));
    assertFalse(r.stored());
    SegmentResult fin = c.cfin(1 + 500); // a FIN far outside the window does not end the stream
    assertTrue(fin.has(StreamEvent.PACKET_OUTSIDE_WINDOW));
    c.cdata(1, "in window");
    c.sack(10);
    assertEquals("in window", c.rec.toServer.toString());
    assertEquals(TcpState.ESTABLISHED, c.session.state());
    assertEquals(0, c.session.eventCount(StreamEvent.DATA_AFTER_FIN));
  }

  @Test
  void simultaneousOpenEstablishes() {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 100, 200);
    c.client(Seg.of(100, 0, SYN, ""));
    c.server(Seg.of(200, 0, SYN, ""));
    c.client(Seg.of(100, 201, SYN | ACK, ""));
    c.server(Seg.of(200, 101, SYN | ACK, ""));
    assertEquals(TcpState.ESTABLISHED, c.session.state());
    assertEquals(1, c.session.eventCount(StreamEvent.SIMULTANEOUS_OPEN));
    c.cdata(1, "hi");
    c.sack(3);
    assertEquals("hi", c.rec.toServer.toString());
  }

  @Test
  void closeFlushesUnackedDataWithGaps() {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1).handshake();
    c.cdata(1, "abc");
    c.cdata(7, "ghi");
    c.session.close();
    assertEquals(List.of(">abc", ">gap3", ">ghi", ">close", "<close"), c.rec.calls);
  }

  @Test
  void lateSynSwapsRolesAndResponderDataIsToClient() {
    StreamCounters counters = new StreamCounters();
    TcpSession s =
        new TcpSession(
            ids(3),
            counters,
            new StreamMemory(0),
            TargetPolicies.require("bsd"),
            TargetPolicies.require("bsd"),
            80,
            40000);
    Recorder rec = new Recorder();
    s.setConsumer(rec);
    s.process(Seg.of(5, 0, ACK, "stray"), true); // initiator's first packet is not a SYN: untracked
    s.process(Seg.of(1000, 0, SYN, ""), false); // the responder opens
    s.process(Seg.of(3000, 1001, SYN | ACK, ""), true);
    s.process(Seg.of(1001, 3001, ACK | PSH, "req"), false);
    s.process(Seg.of(3001, 1004, ACK, ""), true);
    assertFalse(s.clientIsInitiator());
    assertEquals("req", rec.toServer.toString());
    assertArrayEquals("req".getBytes(StandardCharsets.ISO_8859_1), rec.toServerBytes.toByteArray());
  }

  @Test
  void suricataTimingWaitsForTheChunkSizeThenInspectsTheAckedDataWholeOnTheSendersNextPacket() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    String a = "A".repeat(2000);
    String b = "B".repeat(1000);
    c.cdata(1, a);
    c.sack(1 + a.length());
    c.cack(1);
    assertEquals(a, c.rec.toServer.toString(), "the app layer gets ACKed data at once");
    assertEquals(0, c.rec.chunks.size(), "2000 ACKed bytes wait for the 2560-byte chunk size");
    c.cdata(1 + a.length(), b);
    c.sack(1 + a.length() + b.length());
    assertEquals(
        0,
        c.rec.chunks.size(),
        "raw data is inspected on a packet of its own direction, not on the ACK");
    c.cack(1);
    assertEquals(
        1, c.rec.chunks.size(), "3000 bytes wait: inspected whole on the client's next packet");
    RawChunk ch = c.rec.chunks.getFirst();
    assertEquals(0, ch.streamOffset());
    assertEquals(3000, ch.len());
    assertEquals(0, ch.newStart(), "nothing repeated");
  }

  @Test
  void suricataTimingInspectsBelowTheChunkSizeWhenTheAppLayerAsksOrTheSessionEnds() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    c.cdata(1, REQ);
    c.sack(1 + REQ.length());
    c.session.triggerRaw(true);
    c.cack(1);
    assertEquals(
        REQ, c.rec.rawNewToServer.toString(), "a complete request is inspected on the next packet");
    c.cdata(1 + REQ.length(), "tail");
    c.sack(1 + REQ.length() + 4);
    c.cack(1);
    assertEquals(1, c.rec.chunks.size(), "no trigger: the tail waits");
    c.session.close();
    assertEquals(REQ + "tail", c.rec.rawNewToServer.toString(), "the session end flushes it");
    assertEquals(2, c.rec.chunks.size());
  }

  @Test
  void suricataTimingInspectsTheOtherDirectionOfTheClosingPacketOnlyOnItsNextPacketOrAtTheEnd() {
    String user = "USER anonymous\r\n";
    for (boolean clientSendsAgain : new boolean[] {true, false}) {
      Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
      c.cdata(1, user);
      c.sack(1 + user.length());
      c.server(Seg.of(201, 101 + user.length(), FIN | ACK, "")); // the server closes first
      c.client(Seg.of(101 + user.length(), 202, FIN | ACK, ""));
      c.server(
          Seg.of(202, 102 + user.length(), ACK, "")); // the close's last ACK, sent to the client
      assertEquals(TcpState.CLOSED, c.session.state());
      assertEquals(user, c.rec.toServer.toString(), "the app layer has the client's data");
      assertEquals(
          0, c.rec.chunks.size(), "a packet to the client does not inspect the client's stream");
      if (clientSendsAgain) {
        c.client(Seg.of(102 + user.length(), 202, ACK, ""));
        assertEquals(
            user, c.rec.rawNewToServer.toString(), "inspected on the client's next packet");
      } else {
        c.session.close();
        assertEquals(user, c.rec.rawNewToServer.toString(), "inspected at the flow's end");
      }
      assertEquals(1, c.rec.chunks.size());
    }
  }

  @Test
  void fastOpenDataReachesTheAppLayerOnTheFirstPacketToTheClientAfterTheHandshake() {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1000, 2000);
    c.client(Seg.of(1000, 0, SYN, "GET / HTTP/1.0\r\n\r\n").withTfo());
    c.server(Seg.of(2000, 1019, SYN | ACK, "")); // ACKs the SYN and its 18 bytes
    assertEquals(TcpState.SYN_RECV, c.session.state());
    c.client(Seg.of(1019, 2001, ACK, ""));
    assertEquals(TcpState.ESTABLISHED, c.session.state());
    assertEquals(
        "", c.rec.toServer.toString(), "not on the SYN-ACK nor on the client's ACK, as Suricata");
    c.server(Seg.of(2001, 1019, ACK | TcpFlags.PSH, "HTTP/1.0 200 OK\r\n"));
    assertEquals("GET / HTTP/1.0\r\n\r\n", c.rec.toServer.toString());
  }

  @Test
  void suricataCloseStatesDecideWhenSmallDataIsInspected() {
    String req = "GET / HTTP/1.0\r\n\r\n";
    // the server's FIN, then its FIN again with a new ACK: Suricata's FIN_WAIT1 -> TIME_WAIT, and
    // the client's
    // ACK closes the session there, so the client's data is inspected on that ACK
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    c.cdata(1, req);
    c.server(Seg.of(201, 101, FIN | ACK, ""));
    c.client(Seg.of(101 + req.length(), 202, ACK, ""));
    assertEquals(0, c.rec.chunks.size(), "FIN_WAIT1: small data waits");
    c.server(Seg.of(201, 101 + req.length(), FIN | ACK, ""));
    c.client(Seg.of(101 + req.length(), 202, ACK, ""));
    assertEquals(
        req, c.rec.rawNewToServer.toString(), "CLOSED in Suricata's eyes: inspected at once");

    // a client FIN|ACK that does not ACK the server's FIN: Suricata's TIME_WAIT, not CLOSING, so
    // nothing yet
    Conn d = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    d.cdata(1, req);
    d.sack(1 + req.length());
    d.server(Seg.of(201, 101 + req.length(), FIN | ACK, ""));
    d.client(Seg.of(101 + req.length(), 201, FIN | ACK, ""));
    assertEquals(0, d.rec.chunks.size());
    d.client(
        Seg.of(
            102 + req.length(),
            202,
            ACK,
            "")); // its ACK of the server's FIN: CLOSED in Suricata's eyes
    assertEquals(req, d.rec.rawNewToServer.toString());
  }

  @Test
  void anAppLayerMayLiftTheReassemblyDepthBeforeItIsReached() {
    String data = "0123456789abcdefghij";
    for (long raised : new long[] {-1, 0, 15}) {
      Conn c = new Conn(ids(3).withDepth(10), TargetPolicies.require("bsd"), 1, 1).handshake();
      if (raised >= 0) {
        c.session.raiseReassemblyDepth(
            raised); // as SMB's detection does in Suricata (0 = unlimited)
      }
      c.session.raiseReassemblyDepth(5); // never lowered
      c.cdata(1, data);
      c.sack(21);
      String expected =
          raised < 0 ? data.substring(0, 10) : raised == 0 ? data : data.substring(0, 15);
      assertEquals(expected, c.rec.toServer.toString(), "depth raised to " + raised);
    }
  }

  @Test
  void aClientRstCountsTheClientsFinOnlyOnceTheServerAckedIt() {
    // bsd policy: a RST is taken at exactly the sender's next sequence number, which in Suricata
    // includes the
    // client's FIN only after the server's ACK of it
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1).handshake();
    c.cdata(1, "abc");
    c.sack(4);
    c.cfin(4);
    assertTrue(c.crst(5).has(StreamEvent.RST_BAD_SEQ), "one past the unacknowledged FIN");
    assertTrue(c.crst(4).has(StreamEvent.RST_ACCEPTED), "at the FIN's own sequence number");

    Conn d = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1).handshake();
    d.cdata(1, "abc");
    d.cfin(4);
    d.sack(5); // the server ACKs the FIN
    assertTrue(d.crst(5).has(StreamEvent.RST_ACCEPTED));
  }

  /**
   * A handshake (both ISNs 1) in which the server offers the client a window of {@code window}
   * bytes.
   */
  private static Conn offering(int window) {
    Conn c = new Conn(ids(3), TargetPolicies.require("bsd"), 1, 1);
    c.client(Seg.of(1, 0, SYN, ""));
    c.server(Seg.of(1, 2, SYN | ACK, window, new byte[0]));
    c.client(Seg.of(2, 2, ACK, ""));
    return c;
  }
}
