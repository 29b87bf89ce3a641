package org.vigil.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.ipv6;
import static org.vigil.testing.PacketBuilder.tcp;
import static org.vigil.testing.PacketBuilder.udp;
import static org.vigil.testing.PacketBuilder.vlan;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;

class FlowTableTest {
  private final PathStats stats = new PathStats();
  private final Decoder decoder = new Decoder(DecodeConfig.defaults(), stats);
  private final List<String> ended = new ArrayList<>();

  private Packet pkt(byte[] frame, long seconds, int link) {
    Packet p = new Packet(frame.length);
    System.arraycopy(frame, 0, p.data(), 0, frame.length);
    p.setFrame(frame.length, frame.length, seconds * 1_000_000_000L, link, 1, "t");
    decoder.decode(p);
    return p;
  }

  private Packet tcpPkt(String src, int sp, String dst, int dp, int flags, long seconds) {
    return pkt(ipv4(src, dst, 6, tcp(sp, dp, 1, 1, flags, new byte[10])), seconds, LinkTypes.RAW);
  }

  private FlowTable table(FlowConfig cfg) {
    return new FlowTable(
        cfg,
        stats.flows,
        (f, r) ->
            ended.add(
                client(f)
                    + ":"
                    + f.clientPort()
                    + " "
                    + r
                    + " "
                    + f.packetsToServer()
                    + "/"
                    + f.packetsToClient()
                    + " "
                    + f.bytesToServer()
                    + "/"
                    + f.bytesToClient()));
  }

  private static String client(Flow f) {
    return IpAddresses.format(f.ipVersion(), f.clientHi(), f.clientLo());
  }

  @Test
  void aRecycledRecordTimesOutByItsOwnPacketsAfterALaterCapture() {
    // a capture from 2026 ends its flows (their records kept ready), then one from 2017 sends a
    // UDP packet every 40 s: each starts a flow of its own (UDP new: 30 s), its end its own time
    FlowTable t = table(FlowConfig.defaults());
    long later = 1_780_000_000L;
    t.handle(pkt(ipv4("10.9.9.1", "10.9.9.2", 17, udp(5, 6, new byte[4])), later, LinkTypes.RAW));
    t.flushAll(FlowEndReason.END_OF_CAPTURE);
    ended.clear();
    long earlier = 1_495_800_000L;
    List<Long> lasts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Flow f =
          t.handle(
              pkt(
                  ipv4("10.0.0.1", "10.0.0.2", 17, udp(123, 123, new byte[48])),
                  earlier + 40L * i,
                  LinkTypes.RAW));
      lasts.add(f.lastNanos() / 1_000_000_000L);
    }
    assertEquals(List.of(earlier, earlier + 40, earlier + 80), lasts);
    assertEquals(2, ended.size(), ended.toString());
    assertTrue(
        ended.stream().allMatch(e -> e.startsWith("10.0.0.1:123 TIMEOUT 1/0 ")), ended.toString());
  }

  @Test
  void bothDirectionsMeetInOneFlowWithDirectionAndCounters() {
    FlowTable t = table(FlowConfig.defaults());
    Packet a = tcpPkt("10.0.0.1", 1234, "10.0.0.2", 80, Packet.SYN, 1);
    Flow f = t.handle(a);
    assertTrue(a.toServer());
    Packet b = tcpPkt("10.0.0.2", 80, "10.0.0.1", 1234, Packet.SYN | Packet.ACK, 1);
    assertSame(f, t.handle(b));
    assertTrue(b.toClient());
    assertSame(f, b.flow());
    assertEquals(FlowState.ESTABLISHED, f.state());
    assertEquals("10.0.0.1", client(f));
    assertEquals(80, f.serverPort());
    assertEquals(1, f.packetsToServer());
    assertEquals(1, f.packetsToClient());
    assertEquals(a.length(), f.bytesToServer());
    assertEquals(Packet.SYN | Packet.ACK, f.tcpFlagsToClient());
    assertTrue(f.id() > 0 && f.id() < (1L << 51));
    assertEquals(1, t.size());
    // another port pair is another flow with another id
    Flow g = t.handle(tcpPkt("10.0.0.1", 1235, "10.0.0.2", 80, Packet.SYN, 2));
    assertNotEquals(f.id(), g.id());
    assertEquals(2, stats.flows.created);
  }

  @Test
  void swappingRolesMakesTheSynAckSenderTheServer() {
    FlowTable t = table(FlowConfig.defaults());
    Packet synAck = tcpPkt("10.0.0.2", 80, "10.0.0.1", 1234, Packet.SYN | Packet.ACK, 1);
    Flow f = t.handle(synAck);
    assertTrue(synAck.toServer());
    f.swapDirection();
    assertEquals("10.0.0.1", client(f));
    assertEquals(80, f.serverPort());
    assertEquals(1, f.packetsToClient());
    assertEquals(0, f.packetsToServer());
    Packet ack = tcpPkt("10.0.0.1", 1234, "10.0.0.2", 80, Packet.ACK, 1);
    assertSame(f, t.handle(ack));
    assertTrue(ack.toServer());
    assertEquals(1, f.packetsToServer());
  }

  @Test
  void icmpUnreachableJoinsTheFlowOfTheQuotedPacket() {
    FlowTable t = table(FlowConfig.defaults());
    byte[] dns = ipv4("10.0.0.1", "10.0.0.53", 17, udp(40000, 53, "q".getBytes()));
    Flow f = t.handle(pkt(dns, 1, LinkTypes.RAW));
    byte[] quote = java.util.Arrays.copyOf(dns, 28);
    Packet unreach =
        pkt(
            ipv4(
                "10.0.0.53",
                "10.0.0.1",
                1,
                org.vigil.testing.PacketBuilder.icmp(3, 3, 0, 0, quote)),
            2,
            LinkTypes.RAW);
    assertTrue(unreach.hasIcmpEmbedded());
    assertEquals(FlowHash.flowHash(unreach), f.hash(), "routed to the thread of the quoted flow");
    assertSame(f, t.handle(unreach));
    assertTrue(unreach.toClient());
    assertEquals(1, f.packetsToClient());
    assertEquals(FlowState.NEW, f.state(), "an ICMP error does not establish the flow");
    assertEquals(1, t.size());
    // without a matching flow it is an ICMP flow of its own
    Packet other =
        pkt(
            ipv4(
                "10.9.9.9",
                "10.0.0.1",
                1,
                org.vigil.testing.PacketBuilder.icmp(
                    3,
                    1,
                    0,
                    0,
                    java.util.Arrays.copyOf(
                        ipv4("10.0.0.1", "10.0.0.77", 17, udp(1, 2, new byte[0])), 28))),
            3,
            LinkTypes.RAW);
    assertEquals(1, t.handle(other).proto());
    assertEquals(2, t.size());
  }

  @Test
  void hashIsSymmetric() {
    int h1 = FlowHash.hash(4, 6, 0, 0x0a000001L, 1234, 0, 0x0a000002L, 80, 0, 0, 0);
    int h2 = FlowHash.hash(4, 6, 0, 0x0a000002L, 80, 0, 0x0a000001L, 1234, 0, 0, 0);
    assertEquals(h1, h2);
    assertNotEquals(h1, FlowHash.hash(4, 6, 0, 0x0a000001L, 1235, 0, 0x0a000002L, 80, 0, 0, 0));
  }

  @Test
  void vlansAndIpVersionsKeepFlowsApart() {
    FlowTable t = table(FlowConfig.defaults());
    byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 17, udp(5, 6, new byte[0]));
    Flow v10 = t.handle(pkt(ethernet(0x8100, vlan(10, 0x0800, ip)), 1, LinkTypes.ETHERNET));
    Flow v20 = t.handle(pkt(ethernet(0x8100, vlan(20, 0x0800, ip)), 1, LinkTypes.ETHERNET));
    assertNotEquals(v10.id(), v20.id());
    Flow six = t.handle(pkt(ipv6("::1", "::2", 17, udp(5, 6, new byte[0])), 1, LinkTypes.RAW));
    assertEquals(6, six.ipVersion());
    assertEquals(3, t.size());
  }

  @Test
  void timeoutsFollowProtocolAndStateOnPacketTime() {
    FlowTable t = table(FlowConfig.defaults());
    t.handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 100)); // tcp new: 60 s
    t.handle(
        pkt(
            ipv4("10.0.0.3", "10.0.0.4", 17, udp(5, 6, new byte[0])),
            100,
            LinkTypes.RAW)); // udp new: 30 s
    Packet est = tcpPkt("10.0.0.5", 7, "10.0.0.6", 8, Packet.SYN, 100);
    t.handle(est);
    t.handle(
        tcpPkt("10.0.0.6", 8, "10.0.0.5", 7, Packet.SYN | Packet.ACK, 100)); // established: 600 s
    t.handle(tcpPkt("10.0.0.9", 1, "10.0.0.8", 2, Packet.SYN, 135)); // sweeps at 135: udp gone
    assertEquals(List.of("10.0.0.3:5 TIMEOUT 1/0 28/0"), ended);
    t.handle(tcpPkt("10.0.0.9", 1, "10.0.0.8", 2, Packet.ACK, 170)); // tcp new from t=100 gone
    assertEquals(2, ended.size());
    assertTrue(ended.get(1).startsWith("10.0.0.1:1 TIMEOUT"));
    t.expire(699_000_000_000L);
    assertEquals(
        3, ended.size(), "established flow lasts 600 s; the t=170 one times out as new at 230");
    t.expire(701_000_000_000L);
    assertEquals(4, ended.size());
    assertEquals(0, t.size());
    assertEquals(4, stats.flows.timedOut);
  }

  @Test
  void aPacketAfterTheTimeoutStartsANewFlowEvenBeforeTheSweep() {
    FlowTable t = table(FlowConfig.defaults());
    Flow f =
        t.handle(pkt(ipv4("10.0.0.3", "10.0.0.4", 17, udp(5, 6, new byte[0])), 100, LinkTypes.RAW));
    long id = f.id();
    Packet other = new Packet(64);
    byte[] o = ipv4("10.0.0.8", "10.0.0.9", 17, udp(1, 2, new byte[0]));
    System.arraycopy(o, 0, other.ensureCapacity(o.length), 0, o.length);
    other.setFrame(o.length, o.length, 129_800_000_000L, LinkTypes.RAW, 2, "t");
    decoder.decode(other);
    t.handle(other); // sweeps at 129.8 s: the first flow (timeout at 130 s) stays
    assertEquals(List.of(), ended);
    // 30.5 s after it (udp new timeout 30 s), 0.7 s after the last sweep: the lookup itself notices
    Packet later = new Packet(64);
    byte[] frame = ipv4("10.0.0.4", "10.0.0.3", 17, udp(6, 5, new byte[0]));
    System.arraycopy(frame, 0, later.ensureCapacity(frame.length), 0, frame.length);
    later.setFrame(frame.length, frame.length, 130_500_000_000L, LinkTypes.RAW, 2, "t");
    decoder.decode(later);
    Flow g = t.handle(later);
    assertNotEquals(id, g.id());
    assertTrue(later.toServer(), "the sender of the first packet of the new flow is its client");
    assertEquals(List.of("10.0.0.3:5 TIMEOUT 1/0 28/0"), ended);
  }

  @Test
  void aFlowHasTheSameIdInAnyTableSoRunModesNumberFlowsAlike() {
    FlowTable first = table(FlowConfig.defaults());
    first.handle(
        tcpPkt(
            "10.0.0.7", 7, "10.0.0.8", 8, Packet.SYN, 5)); // another flow before it in this table
    Flow a = first.handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 10));
    Flow b =
        table(FlowConfig.defaults()).handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 10));
    assertEquals(a.id(), b.id());
    Flow later =
        table(FlowConfig.defaults()).handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 11));
    assertNotEquals(a.id(), later.id(), "the same key starting at another time is another flow");
  }

  @Test
  void restartEndsTheOldFlowAndOpensANewOne() {
    FlowTable t = table(FlowConfig.defaults());
    Flow f = t.handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 10));
    long id = f.id();
    Packet again = tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 11);
    t.handle(again);
    Flow n = t.restart(again);
    assertNotEquals(id, n.id());
    assertSame(n, again.flow());
    assertEquals(1, t.size());
    assertEquals(1, n.packetsToServer());
    assertEquals(1, ended.size());
  }

  @Test
  void resetClosesTheFlowAndStateSetFromOutsideIsHonoured() {
    FlowTable t = table(FlowConfig.defaults());
    Flow f = t.handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 10));
    t.handle(tcpPkt("10.0.0.2", 2, "10.0.0.1", 1, Packet.RST, 10));
    assertEquals(FlowState.CLOSED, f.state());
    Flow g = t.handle(tcpPkt("10.0.0.3", 1, "10.0.0.4", 2, Packet.SYN, 10));
    t.handle(tcpPkt("10.0.0.4", 2, "10.0.0.3", 1, Packet.SYN | Packet.ACK, 10));
    g.setState(FlowState.CLOSED); // e.g. by the TCP tracker
    t.expire(71_000_000_000L); // closed: 60 s
    assertEquals(2, ended.size());
  }

  @Test
  void memoryCapEvictsTheLeastRecentlySeenFlow() {
    FlowTable t = table(FlowConfig.defaults().withMemcap(3L * FlowConfig.FLOW_BYTES));
    for (int i = 1; i <= 5; i++)
      t.handle(tcpPkt("10.0.0." + i, 1000, "10.1.0.1", 80, Packet.SYN, i));
    assertEquals(3, t.size());
    assertEquals(2, stats.flows.evicted);
    assertTrue(ended.get(0).startsWith("10.0.0.1:1000 EVICTED"));
    assertTrue(ended.get(1).startsWith("10.0.0.2:1000 EVICTED"));
    assertTrue(stats.flows.emergencyEvictions >= 1);
  }

  @Test
  void tablesSharingABudgetStayWithinItAndCountWhatTheyCannotHold() {
    org.vigil.memory.Memcap shared = new org.vigil.memory.Memcap(4L * FlowConfig.FLOW_BYTES);
    FlowConfig cfg = FlowConfig.defaults().withMemory(4L * FlowConfig.FLOW_BYTES, 64, 0, 30);
    FlowTable a = new FlowTable(cfg, stats.flows, (f, r) -> ended.add(r.name()), shared, 2);
    PathStats other = new PathStats();
    FlowTable b = new FlowTable(cfg, other.flows, (f, r) -> {}, shared, 2);
    for (int i = 1; i <= 4; i++)
      assertNotNull(a.handle(tcpPkt("10.0.0." + i, 1000, "10.1.0.1", 80, Packet.SYN, i)));
    assertEquals(4L * FlowConfig.FLOW_BYTES, shared.used());
    // b holds no flow to give up: its packet goes on without a flow, counted as flow.memcap
    assertNull(b.handle(tcpPkt("10.0.1.1", 1000, "10.1.0.1", 80, Packet.SYN, 5)));
    assertEquals(1, other.flows.memcapHits);
    assertEquals(1, other.flows.emergencyEvictions);
    // a's flows time out (emergency timeouts): b gets room and leaves emergency mode
    a.expire(200_000_000_000L);
    assertEquals(0, shared.used());
    assertNotNull(b.handle(tcpPkt("10.0.1.1", 1000, "10.1.0.1", 80, Packet.SYN, 200)));
    assertEquals(1, other.flows.emergencyOver);
    assertTrue(shared.peak() <= 4L * FlowConfig.FLOW_BYTES);
  }

  @Test
  void flushEndsEveryFlowAsEndOfCapture() {
    FlowTable t = table(FlowConfig.defaults());
    t.handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 1));
    t.handle(pkt(ipv4("10.0.0.3", "10.0.0.4", 17, udp(5, 6, new byte[0])), 1, LinkTypes.RAW));
    t.flushAll(FlowEndReason.END_OF_CAPTURE);
    assertEquals(0, t.size());
    assertEquals(2, stats.flows.endOfCapture);
    assertTrue(ended.stream().allMatch(s -> s.contains("END_OF_CAPTURE")));
  }

  @Test
  void slotsCarryStateOfLaterStagesAndAreClearedOnReuse() {
    FlowSlots slots = new FlowSlots();
    FlowSlot<StringBuilder> stream = slots.register("stream", StringBuilder.class);
    FlowSlot<Integer> bits = slots.register("flowbits", Integer.class);
    assertThrows(IllegalArgumentException.class, () -> slots.register("stream", String.class));
    FlowTable t = table(FlowConfig.defaults());
    Flow f = t.handle(tcpPkt("10.0.0.1", 1, "10.0.0.2", 2, Packet.SYN, 1));
    assertNull(f.get(stream));
    f.set(stream, new StringBuilder("x"));
    f.set(bits, 5);
    assertEquals("x", f.get(stream).toString());
    assertEquals(5, f.get(bits));
    for (int i = 0; i < 10; i++) slots.register("s" + i, Object.class);
    FlowSlot<Long> late = slots.register("late", Long.class);
    f.set(late, 9L);
    assertEquals(9L, f.get(late));
    t.flushAll(FlowEndReason.END_OF_CAPTURE);
    Flow reused = t.handle(tcpPkt("10.0.0.7", 1, "10.0.0.8", 2, Packet.SYN, 2));
    assertSame(f, reused, "flow objects are pooled");
    assertNull(reused.get(stream));
    assertNull(reused.get(late));
  }

  @Test
  void routerHashAgreesForBothDirectionsAndPseudoPacketsFollowTheFlow() {
    Packet a = tcpPkt("10.0.0.1", 1234, "10.0.0.2", 80, Packet.SYN, 1);
    Packet b = tcpPkt("10.0.0.2", 80, "10.0.0.1", 1234, Packet.ACK, 1);
    assertEquals(FlowHash.flowHash(a), FlowHash.flowHash(b));
    FlowTable t = table(FlowConfig.defaults());
    Flow f = t.handle(a);
    assertEquals(f.hash(), FlowHash.flowHash(a));
    Packet pseudo = new Packet(64);
    pseudo.initPseudo(f, false, 5_000_000_000L, "x.pcap");
    pseudo.setPayload("HTTP/1.1 200".getBytes(), 0, 12);
    assertEquals("10.0.0.2", pseudo.srcAddress());
    assertEquals(80, pseudo.srcPort());
    assertEquals(1234, pseudo.dstPort());
    assertTrue(pseudo.isTcp());
    assertTrue(pseudo.isPseudo());
    assertTrue(pseudo.toClient());
    assertFalse(pseudo.hasPcapCnt());
    assertEquals(
        "HTTP/1.1 200", new String(pseudo.data(), pseudo.payloadOffset(), pseudo.payloadLength()));
  }

  @Test
  void fragmentsAndNonIpHaveNoFlow() {
    FlowTable t = table(FlowConfig.defaults());
    assertNull(
        t.handle(
            pkt(
                ipv4("1.1.1.1", "2.2.2.2", 17, 1, 8, true, 64, new byte[0], new byte[8]),
                1,
                LinkTypes.RAW)));
    assertNull(t.handle(pkt(ethernet(0x0806, new byte[28]), 1, LinkTypes.ETHERNET)));
    Flow esp = t.handle(pkt(ipv4("1.1.1.1", "2.2.2.2", 50, new byte[16]), 1, LinkTypes.RAW));
    assertEquals(50, esp.proto());
    assertFalse(t.emergency());
  }

  @Test
  void onlyTheProtocolsSuricataTracksHaveFlows() {
    FlowTable t = table(FlowConfig.defaults());
    // GRE, IGMP (2) and IPv6-in-IPv6 get no flow in Suricata 7: flow keywords never match them
    assertNull(t.handle(pkt(ipv4("1.1.1.1", "2.2.2.2", 47, new byte[24]), 1, LinkTypes.RAW)));
    assertNull(t.handle(pkt(ipv4("1.1.1.1", "2.2.2.2", 2, new byte[8]), 1, LinkTypes.RAW)));
    byte[] inner = ipv6("2001:db8::1", "2001:db8::2", 59, new byte[0]);
    assertNull(t.handle(pkt(ipv6("2001:db8::a", "2001:db8::b", 41, inner), 1, LinkTypes.RAW)));
    // an ESP packet too short for its header has none either
    assertNull(t.handle(pkt(ipv4("1.1.1.1", "2.2.2.2", 50, new byte[4]), 1, LinkTypes.RAW)));
    assertEquals(0, t.size());
  }

  @Test
  void a6in4OuterHeaderHasAFlowWhoseEveryPacketGoesToTheServer() {
    FlowTable t = table(FlowConfig.defaults());
    byte[] ping = ipv6("2001:db8::1", "2001:db8::2", 59, new byte[0]);
    Packet a = pkt(ipv4("10.0.0.1", "10.0.0.2", 41, ping), 1, LinkTypes.RAW);
    assertTrue(a.isTunnelRoot());
    Flow f = t.handle(a);
    assertEquals(41, f.proto());
    Packet b = pkt(ipv4("10.0.0.2", "10.0.0.1", 41, ping), 1, LinkTypes.RAW);
    assertSame(f, t.handle(b));
    // Suricata's FlowGetPacketDirection: to_server for all but TCP, UDP, SCTP and ICMP
    assertTrue(b.toServer());
    assertEquals(2, f.packetsToServer());
    assertEquals(0, f.packetsToClient());
  }

  @Test
  void anEspFlowHoldsOneDirection() {
    FlowTable t = table(FlowConfig.defaults());
    Flow out = t.handle(pkt(ipv4("1.1.1.1", "2.2.2.2", 50, new byte[16]), 1, LinkTypes.RAW));
    Flow back = t.handle(pkt(ipv4("2.2.2.2", "1.1.1.1", 50, new byte[16]), 1, LinkTypes.RAW));
    assertNotEquals(out.id(), back.id());
    assertEquals(1, back.packetsToServer());
  }
}
