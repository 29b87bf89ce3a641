package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.SYN;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;
import org.vigil.testing.DeepSize;

/**
 * Sessions made by the engine take each direction's policy from the receiving host, whether new or
 * reused after another flow's session was closed.
 */
class StreamEngineTest {
  private static final byte[] LINUX_HOST = {10, 0, 0, 2};
  private static final byte[] CLIENT = {10, 0, 0, 1};

  private static String reassemble(byte[] server) {
    PolicyResolver r =
        a ->
            Arrays.equals(a, LINUX_HOST)
                ? TargetPolicies.require("linux")
                : TargetPolicies.require("first");
    StreamEngine engine = new StreamEngine(StreamConfig.ids(), r);
    TcpSession s = engine.newSession(CLIENT, 40000, server, 80);
    Recorder rec = new Recorder();
    s.setConsumer(rec);
    s.process(Seg.of(100, 0, SYN, ""), true);
    s.process(Seg.of(500, 101, SYN | ACK, ""), false);
    s.process(Seg.of(101, 501, ACK, ""), true);
    s.process(Seg.of(101, 501, ACK, "AAAA"), true);
    s.process(
        Seg.of(101, 501, ACK, "BBBBB"),
        true); // same start, longer: linux takes it, first keeps AAAA
    s.process(Seg.of(501, 106, ACK, ""), false);
    assertEquals(1, engine.counters().get(StreamEvent.OVERLAP_DIFFERENT_DATA));
    return rec.toServer.toString();
  }

  @Test
  void aSessionReusedAfterAnotherFlowEndedStartsLikeANewOne() {
    PolicyResolver r =
        a ->
            Arrays.equals(a, LINUX_HOST)
                ? TargetPolicies.require("linux")
                : TargetPolicies.require("first");
    StreamEngine engine = new StreamEngine(StreamConfig.ids(), r);
    StreamMemory sessions = engine.sessionMemory();
    // a first flow: data with a hole left unfilled and an overlap, then its end
    TcpSession first = engine.newSession(CLIENT, 40000, new byte[] {10, 0, 0, 3}, 80);
    Recorder old = new Recorder();
    first.setConsumer(old);
    first.process(Seg.of(100, 0, SYN, ""), true);
    first.process(Seg.of(500, 101, SYN | ACK, ""), false);
    first.process(Seg.of(101, 501, ACK, ""), true);
    first.process(Seg.of(111, 501, ACK, "later"), true);
    first.process(Seg.of(111, 501, ACK, "LATER"), true);
    first.close();
    assertEquals("__________later", old.toServer.toString());
    assertEquals(0, engine.memory().used(), "the closed session's data is given back");
    engine.recycle(first);
    assertEquals(0, sessions.used());

    // the next flow gets the same object, for another server and other ports
    TcpSession s = engine.newSession(CLIENT, 40001, LINUX_HOST, 8080);
    assertSame(first, s);
    assertEquals(StreamEngine.SESSION_BYTES, sessions.used());
    assertEquals(TcpState.NONE, s.state());
    assertEquals(0, s.eventCount(StreamEvent.OVERLAP_DIFFERENT_DATA));
    Recorder rec = new Recorder();
    s.setConsumer(rec);
    s.process(Seg.of(7000, 0, SYN, ""), true);
    s.process(Seg.of(9000, 7001, SYN | ACK, ""), false);
    s.process(Seg.of(7001, 9001, ACK, ""), true);
    s.process(Seg.of(7001, 9001, ACK, "AAAA"), true);
    s.process(Seg.of(7001, 9001, ACK, "BBBBB"), true); // linux, the new server's, takes it
    s.process(Seg.of(9001, 7006, ACK, ""), false);
    assertEquals("BBBBB", rec.toServer.toString());
    assertEquals(
        "__________later", old.toServer.toString(), "nothing more reaches the first consumer");
    assertEquals(1, s.eventCount(StreamEvent.OVERLAP_DIFFERENT_DATA));
    assertEquals(0, s.eventCount(StreamEvent.GAP));
    assertEquals(5, s.appProgress(true));
    assertEquals(2, engine.counters().sessions());
  }

  @Test
  void aSynNeverAnsweredHoldsNoStreamsAndTheSynAckOpensThem() {
    StreamEngine engine =
        new StreamEngine(StreamConfig.ids(), a -> TargetPolicies.require("first"));
    TcpSession s = engine.newSession(CLIENT, 40000, LINUX_HOST, 80);
    Recorder rec = new Recorder();
    s.setConsumer(rec);
    s.process(Seg.of(100, 0, SYN, ""), true);
    s.process(Seg.of(100, 0, SYN, ""), true); // resent
    assertEquals(TcpState.SYN_SENT, s.state());
    assertNull(s.buffer(true), "a SYN-only session has no store for the client's data");
    assertNull(s.buffer(false));
    assertEquals(1, s.sequenceBytes(true), "the SYN's sequence number counts all the same");
    s.process(Seg.of(500, 101, SYN | ACK, ""), false);
    assertNotNull(s.buffer(true));
    assertNotNull(s.buffer(false));
    s.process(Seg.of(101, 501, ACK, "abc"), true);
    s.process(Seg.of(501, 104, ACK, ""), false);
    assertEquals("abc", rec.toServer.toString());
    // a SYN-only session closed at its flow's end and reused: the next flow starts as new
    TcpSession never = engine.newSession(CLIENT, 40001, LINUX_HOST, 80);
    never.process(Seg.of(7000, 0, SYN, ""), true);
    never.close();
    assertEquals(TcpState.CLOSED, never.state());
    engine.recycle(never);
    TcpSession again = engine.newSession(CLIENT, 40002, LINUX_HOST, 80);
    assertSame(never, again);
    Recorder rec2 = new Recorder();
    again.setConsumer(rec2);
    again.process(Seg.of(9000, 0, SYN, ""), true);
    again.process(Seg.of(3000, 9001, SYN | ACK, ""), false);
    again.process(Seg.of(9001, 3001, ACK, "xyz"), true);
    again.process(Seg.of(3001, 9004, ACK, ""), false);
    assertEquals("xyz", rec2.toServer.toString());
  }

  /**
   * Heap bytes per session of {@code n} sessions driven by {@code drive}, shared state excluded.
   */
  private static long bytesPerSession(java.util.function.Consumer<TcpSession> drive) {
    StreamEngine engine =
        new StreamEngine(StreamConfig.ids(), a -> TargetPolicies.require("first"));
    int n = 2000;
    TcpSession[] all = new TcpSession[n];
    for (int i = 0; i < n; i++) {
      all[i] = engine.newSession(CLIENT, 1024 + i, LINUX_HOST, 80);
      drive.accept(all[i]);
    }
    TcpSession[] half = Arrays.copyOf(all, n / 2);
    long bytes = DeepSize.of(engine, all) - DeepSize.of(engine, half);
    return bytes / (n - n / 2) - 4; // less the array slot
  }

  @Test
  void theStreamMemcapCountsWhatASessionHolds() {
    long synOnly = bytesPerSession(s -> s.process(Seg.of(100, 0, SYN, ""), true));
    long open =
        bytesPerSession(
            s -> {
              s.process(Seg.of(100, 0, SYN, ""), true);
              s.process(Seg.of(500, 101, SYN | ACK, ""), false);
              s.process(Seg.of(101, 501, ACK, ""), true);
            });
    assertTrue(
        open <= StreamEngine.SESSION_BYTES && StreamEngine.SESSION_BYTES <= open * 5 / 4,
        "an established session holds " + open + " bytes, counted " + StreamEngine.SESSION_BYTES);
    assertTrue(synOnly * 2 < open, "a SYN-only session holds " + synOnly + " of " + open);
  }

  @Test
  void aSessionStillOpenIsNotKeptForReuse() {
    StreamEngine engine =
        new StreamEngine(StreamConfig.ids(), a -> TargetPolicies.require("first"));
    TcpSession open = engine.newSession(CLIENT, 40000, LINUX_HOST, 80);
    engine.recycle(open);
    assertNotSame(open, engine.newSession(CLIENT, 40001, LINUX_HOST, 80));
  }

  @Test
  void theServersPolicyResolvesOverlapsOfDataSentToIt() {
    assertEquals("BBBBB", reassemble(LINUX_HOST));
    assertEquals("AAAAB", reassemble(new byte[] {10, 0, 0, 3}));
  }
}
