package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.SYN;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;

/** Sessions made by the engine take each direction's policy from the receiving host. */
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
  void theServersPolicyResolvesOverlapsOfDataSentToIt() {
    assertEquals("BBBBB", reassemble(LINUX_HOST));
    assertEquals("AAAAB", reassemble(new byte[] {10, 0, 0, 3}));
  }
}
