package org.vigil.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowTable;

class InlineEnforcerTest {

  private final List<byte[]> sent = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final PacketInjector collecting =
      (v, p, len) -> {
        byte[] b = new byte[len];
        p.get(0, b);
        sent.add(b);
      };
  private final FlowTable flows =
      new FlowTable(FlowConfig.defaults(), new PathStats().flows, (f, r) -> {});

  private static final ByteBuffer C2S =
      TestPackets.tcp4("10.0.0.1", 40000, "10.0.0.2", 80, 100, 200, 0x18, "evil".getBytes());
  private static final ByteBuffer S2C =
      TestPackets.tcp4("10.0.0.2", 80, "10.0.0.1", 40000, 200, 104, 0x10, new byte[0]);
  private static final ByteBuffer OTHER =
      TestPackets.tcp4("10.0.0.1", 40001, "10.0.0.2", 80, 1, 1, 0x10, new byte[0]);

  /** The packet decoded and given its flow, as the inline chain's flow module does. */
  private Packet tracked(ByteBuffer ip) {
    Packet p = TestPackets.decoded(ip);
    flows.handle(p);
    assertNotNull(p.flow());
    return p;
  }

  @Test
  void flowDropCatchesBothDirectionsAndSparesOtherFlows() {
    InlineEnforcer e = new InlineEnforcer(collecting, warnings::add);
    Packet c2s = tracked(C2S);
    assertFalse(e.inDroppedFlow(c2s.flow()));
    assertEquals(Verdict.DROP, e.apply(Verdict.DROP_FLOW, c2s, c2s.flow()));
    assertTrue(e.inDroppedFlow(tracked(S2C).flow()));
    assertTrue(e.inDroppedFlow(tracked(C2S).flow()));
    assertFalse(e.inDroppedFlow(tracked(OTHER).flow()));
    assertEquals(2, e.stats().flowDroppedPackets());
    assertEquals(1, e.stats().flowsDropped());
  }

  @Test
  void aPacketDropLeavesTheFlowAlone() {
    InlineEnforcer e = new InlineEnforcer(collecting, warnings::add);
    Packet c2s = tracked(C2S);
    assertEquals(Verdict.DROP, e.apply(Verdict.DROP, c2s, c2s.flow()));
    assertFalse(e.inDroppedFlow(tracked(S2C).flow()));
  }

  @Test
  void rejectBothSendsTwoResetsAndDropsTheFlow() {
    InlineEnforcer e = new InlineEnforcer(collecting, warnings::add);
    Packet c2s = tracked(C2S);
    assertEquals(Verdict.DROP, e.apply(Verdict.reject(RejectTarget.BOTH), c2s, c2s.flow()));
    assertEquals(2, sent.size());
    assertEquals(0x14, sent.get(0)[33]);
    assertEquals(1, sent.get(0)[19], "first reset goes to the client 10.0.0.1");
    assertEquals(2, sent.get(1)[19], "then to the server 10.0.0.2");
    assertTrue(e.inDroppedFlow(tracked(S2C).flow()));
    assertEquals(2, e.stats().rejectsSent());
  }

  @Test
  void acceptAndRepeatPassThrough() {
    InlineEnforcer e = new InlineEnforcer(collecting, warnings::add);
    Packet c2s = tracked(C2S);
    assertEquals(Verdict.ACCEPT, e.apply(Verdict.ACCEPT, c2s, c2s.flow()));
    assertEquals(new Verdict.Repeat(7), e.apply(new Verdict.Repeat(7), c2s, c2s.flow()));
    assertTrue(sent.isEmpty());
    assertFalse(e.inDroppedFlow(c2s.flow()));
  }

  @Test
  void aFailingInjectorIsCountedAndThePacketStillDropped() {
    PacketInjector broken =
        (v, p, len) -> {
          throw new IOException("no raw socket here");
        };
    InlineEnforcer e = new InlineEnforcer(broken, warnings::add);
    Packet c2s = tracked(C2S);
    assertEquals(Verdict.DROP, e.apply(Verdict.REJECT, c2s, c2s.flow()));
    assertEquals(1, e.stats().rejectErrors());
    assertEquals(List.of("no raw socket here"), warnings);
  }

  @Test
  void garbageIsDroppedButNotKeyed() {
    InlineEnforcer e = new InlineEnforcer(collecting, warnings::add);
    Packet junk = TestPackets.decoded(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertEquals(Verdict.DROP, e.apply(Verdict.DROP_FLOW, junk, junk.flow()));
    assertEquals(1, e.stats().unkeyedFlowDrops());
    assertEquals(0, e.stats().flowsDropped());
    assertEquals(Verdict.DROP, e.apply(Verdict.REJECT, junk, junk.flow()));
    assertTrue(sent.isEmpty(), "nothing to answer a packet that is not IP");
  }
}
