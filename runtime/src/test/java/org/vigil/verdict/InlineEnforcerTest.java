package org.vigil.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlineEnforcerTest {

  private final List<byte[]> sent = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final PacketInjector collecting = (v, p, len) -> {
    byte[] b = new byte[len];
    p.get(0, b);
    sent.add(b);
  };

  private static final ByteBuffer C2S = TestPackets.tcp4("10.0.0.1", 40000, "10.0.0.2", 80, 100, 200, 0x18, "evil".getBytes());
  private static final ByteBuffer S2C = TestPackets.tcp4("10.0.0.2", 80, "10.0.0.1", 40000, 200, 104, 0x10, new byte[0]);
  private static final ByteBuffer OTHER = TestPackets.tcp4("10.0.0.1", 40001, "10.0.0.2", 80, 1, 1, 0x10, new byte[0]);

  @Test
  void flowDropCatchesBothDirectionsAndSparesOtherFlows() {
    InlineEnforcer e = new InlineEnforcer(new FlowDropSet(100, 1_000_000_000L), collecting, warnings::add);
    assertFalse(e.inDroppedFlow(C2S, 0, C2S.capacity(), 0));
    assertEquals(Verdict.DROP, e.apply(Verdict.DROP_FLOW, C2S, 0, C2S.capacity(), 0));
    assertTrue(e.inDroppedFlow(S2C, 0, S2C.capacity(), 1));
    assertTrue(e.inDroppedFlow(C2S, 0, C2S.capacity(), 2));
    assertFalse(e.inDroppedFlow(OTHER, 0, OTHER.capacity(), 3));
    assertEquals(2, e.stats().flowDroppedPackets());
    assertEquals(1, e.stats().flowsDropped());
  }

  @Test
  void aPacketDropLeavesTheFlowAlone() {
    InlineEnforcer e = new InlineEnforcer(new FlowDropSet(100, 1_000_000_000L), collecting, warnings::add);
    assertEquals(Verdict.DROP, e.apply(Verdict.DROP, C2S, 0, C2S.capacity(), 0));
    assertFalse(e.inDroppedFlow(S2C, 0, S2C.capacity(), 1));
  }

  @Test
  void rejectBothSendsTwoResetsAndDropsTheFlow() {
    InlineEnforcer e = new InlineEnforcer(new FlowDropSet(100, 1_000_000_000L), collecting, warnings::add);
    assertEquals(Verdict.DROP, e.apply(Verdict.reject(RejectTarget.BOTH), C2S, 0, C2S.capacity(), 0));
    assertEquals(2, sent.size());
    assertEquals(0x14, sent.get(0)[33]);
    assertEquals(1, sent.get(0)[19], "first reset goes to the client 10.0.0.1");
    assertEquals(2, sent.get(1)[19], "then to the server 10.0.0.2");
    assertTrue(e.inDroppedFlow(S2C, 0, S2C.capacity(), 1));
    assertEquals(2, e.stats().rejectsSent());
  }

  @Test
  void acceptAndRepeatPassThrough() {
    InlineEnforcer e = new InlineEnforcer(new FlowDropSet(100, 1_000_000_000L), collecting, warnings::add);
    assertEquals(Verdict.ACCEPT, e.apply(Verdict.ACCEPT, C2S, 0, C2S.capacity(), 0));
    assertEquals(new Verdict.Repeat(7), e.apply(new Verdict.Repeat(7), C2S, 0, C2S.capacity(), 0));
    assertTrue(sent.isEmpty());
  }

  @Test
  void aFailingInjectorIsCountedAndThePacketStillDropped() {
    PacketInjector broken = (v, p, len) -> {
      throw new IOException("no raw socket here");
    };
    InlineEnforcer e = new InlineEnforcer(new FlowDropSet(100, 1_000_000_000L), broken, warnings::add);
    assertEquals(Verdict.DROP, e.apply(Verdict.REJECT, C2S, 0, C2S.capacity(), 0));
    assertEquals(1, e.stats().rejectErrors());
    assertEquals(List.of("no raw socket here"), warnings);
  }

  @Test
  void garbageIsDroppedButNotKeyed() {
    InlineEnforcer e = new InlineEnforcer(new FlowDropSet(100, 1_000_000_000L), collecting, warnings::add);
    ByteBuffer junk = ByteBuffer.wrap(new byte[] {1, 2, 3});
    assertEquals(Verdict.DROP, e.apply(Verdict.DROP_FLOW, junk, 0, 3, 0));
    assertEquals(1, e.stats().unkeyedFlowDrops());
    assertEquals(0, e.stats().flowsHeld());
  }
}
