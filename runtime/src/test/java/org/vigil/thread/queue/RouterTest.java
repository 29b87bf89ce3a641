package org.vigil.thread.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.testing.PacketBuilder;

class RouterTest {
  private static Packet decoded(byte[] frame) {
    Packet p = new Packet(frame.length);
    System.arraycopy(frame, 0, p.data(), 0, frame.length);
    p.setFrame(frame.length, frame.length, 1_000_000_000L, LinkTypes.ETHERNET, 1, "test");
    new Decoder(DecodeConfig.defaults(), new PathStats()).decode(p);
    return p;
  }

  private static Packet tcpV4(String src, int sport, String dst, int dport) {
    return decoded(
        PacketBuilder.ethernet(
            0x0800,
            PacketBuilder.ipv4(
                src,
                dst,
                6,
                PacketBuilder.tcp(sport, dport, 1, 0, PacketBuilder.SYN, new byte[0]))));
  }

  private static Packet tcpV6(String src, int sport, String dst, int dport) {
    return decoded(
        PacketBuilder.ethernet(
            0x86DD,
            PacketBuilder.ipv6(
                src,
                dst,
                6,
                PacketBuilder.tcp(sport, dport, 1, 0, PacketBuilder.SYN, new byte[0]))));
  }

  /** The salted hash (what flow claims bucket by) is one per flow and what the route divides. */
  @Test
  void flowHashOfBothDirectionsIsOneAndPicksTheRoute() {
    Router.FlowHash r = new Router.FlowHash(3);
    for (int capture = 0; capture < 3; capture++) {
      r.capture(capture);
      for (int port = 1000; port < 1050; port++) {
        Packet there = tcpV4("10.0.0.1", port, "10.0.0.2", 80);
        assertEquals(r.hash(there), r.hash(tcpV4("10.0.0.2", 80, "10.0.0.1", port)));
        assertEquals((r.hash(there) & 0x7fffffff) % 3, r.route(there));
      }
    }
  }

  @Test
  void flowHashSendsBothDirectionsOfAFlowToOneThreadAndSpreadsFlows() {
    Router r = new Router.FlowHash(3);
    Set<Integer> used = new HashSet<>();
    for (int port = 1000; port < 1100; port++) {
      int there = r.route(tcpV4("10.0.0.1", port, "10.0.0.2", 80));
      int back = r.route(tcpV4("10.0.0.2", 80, "10.0.0.1", port));
      assertEquals(there, back, "flow port " + port);
      used.add(there);
    }
    assertEquals(3, used.size(), "100 flows use every thread");
  }

  @Test
  void aFlowRecurringInLaterCapturesIsNotAlwaysOnTheSameThread() {
    Router r = new Router.FlowHash(2);
    Packet there = tcpV4("10.0.0.1", 1234, "10.0.0.2", 80);
    Packet back = tcpV4("10.0.0.2", 80, "10.0.0.1", 1234);
    int[] load = new int[2];
    for (int capture = 0; capture < 200; capture++) {
      r.capture(capture);
      int t = r.route(there);
      assertEquals(t, r.route(back), "both directions in capture " + capture);
      load[t]++;
    }
    assertTrue(
        load[0] > 70 && load[1] > 70,
        "the same flow in 200 captures went " + load[0] + "/" + load[1]);
  }

  @Test
  void ipVersionRouterSendsIpv6ToItsOwnThreads() {
    Router r = new Router.IpVersion(new int[] {0}, new int[] {1, 2});
    assertEquals(0, r.route(tcpV4("10.0.0.1", 1234, "10.0.0.2", 80)));
    int v6 = r.route(tcpV6("2001:db8::1", 1234, "2001:db8::2", 80));
    assertTrue(v6 == 1 || v6 == 2, "IPv6 went to thread " + v6);
  }

  @Test
  void roundRobinTakesEachThreadInTurn() {
    Router r = new Router.RoundRobin(2);
    Packet p = tcpV4("10.0.0.1", 1, "10.0.0.2", 2);
    assertEquals(0, r.route(p));
    assertEquals(1, r.route(p));
    assertEquals(0, r.route(p));
  }
}
