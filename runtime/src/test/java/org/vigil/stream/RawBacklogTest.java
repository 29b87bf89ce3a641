package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.TargetPolicies;

class RawBacklogTest {
  private static List<RawChunk> backlog(Conn c, boolean toServer) {
    List<RawChunk> out = new ArrayList<>();
    RawBacklog.inspect(
        c.session,
        toServer,
        ch ->
            out.add(
                new RawChunk(
                    ch.toServer(),
                    ch.streamOffset(),
                    ch.bytes(),
                    0,
                    ch.len(),
                    ch.newStart(),
                    ch.afterGap())));
    return out;
  }

  private static String text(RawChunk c) {
    return new String(c.buf(), c.off(), c.len(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void theAckedDataNotYetRawInspectedIsHandedOutOnceAndTheRawMarkMovesPastIt() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    c.cdata(1, "hello world");
    c.sack(7); // "hello " ACKed, below Suricata's raw chunk size: not inspected yet
    assertTrue(c.rec.chunks.isEmpty());
    List<RawChunk> b = backlog(c, true);
    assertEquals(1, b.size());
    assertEquals("hello ", text(b.get(0)));
    assertEquals(0, b.get(0).streamOffset());
    assertEquals(
        6,
        c.session.rawProgress(true),
        "as Suricata's flush pseudo packet, the raw mark moves past it");
    assertTrue(backlog(c, true).isEmpty(), "handed once");
    c.sack(12);
    c.cack(1);
    assertTrue(
        c.rec.chunks.isEmpty(), "the rest waits for the chunk size, counted from the new mark");
    assertEquals("world", text(backlog(c, true).get(0)));
    assertTrue(backlog(c, false).isEmpty(), "the server sent nothing");
  }

  @Test
  void aLostRangeSplitsTheBacklogIntoRuns() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 100, 200).handshake();
    c.cdata(1, "abc");
    c.cdata(10, "xyz");
    c.sack(13); // the ACK proves bytes 4..9 lost
    List<RawChunk> b = backlog(c, true);
    assertEquals(2, b.size());
    assertEquals("abc", text(b.get(0)));
    assertFalse(b.get(0).afterGap());
    assertEquals("xyz", text(b.get(1)));
    assertEquals(9, b.get(1).streamOffset());
    assertTrue(b.get(1).afterGap());
  }

  @Test
  void nothingIsPendingOnceRawInspectionCaughtUp() {
    Conn c =
        new Conn(StreamConfig.ids().withRawChunks(16, 0), TargetPolicies.require("bsd"), 1, 2)
            .handshake();
    c.cdata(1, "0123456789");
    c.sack(11);
    assertEquals("0123456789", c.rec.rawNewToServer.toString());
    assertTrue(backlog(c, true).isEmpty());
  }
}
