package org.vigil.acquire.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.vigil.decode.Packet;

/**
 * Captures real datagrams the test sends over the loopback interface: the ring hands over exactly
 * the frames the BPF filter lets through (the token in the payload, each once, the port the filter
 * names only), the kernel counts them, two sockets in one fanout group split flows between them
 * with both directions of a flow on one socket, and a missing interface or a bad filter is a clear
 * error. Skipped when the test may not open packet sockets (not root).
 */
class AfPacketSourceTest {
  private static final int PORT = 47_000 + (int) (ProcessHandle.current().pid() % 1000);

  private static AfPacketOptions lo(String filter) {
    return AfPacketOptions.defaults("lo").withFilter(filter);
  }

  private static AfPacketSource openOrSkip(List<AfPacketOptions> o, int member, int members) {
    try {
      return AfPacketSource.open(o, member, members, m -> {});
    } catch (AfPacketException e) {
      assumeTrue(!e.getMessage().contains("Operation not permitted"), "needs root: " + e);
      throw e;
    }
  }

  /** Payload tokens of the UDP frames captured by {@code src} until it has {@code want}. */
  private static List<String> capture(AfPacketSource src, Runnable send, int want)
      throws Exception {
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    Thread t =
        Thread.ofPlatform()
            .start(
                () ->
                    src.run(
                        new Packet(70_000),
                        p -> {
                          String s =
                              new String(p.data(), 0, p.length(), StandardCharsets.ISO_8859_1);
                          int i = s.indexOf("vigil-token-");
                          if (i >= 0) {
                            seen.add(s.substring(i).trim());
                          }
                        },
                        now -> {}));
    Thread.sleep(100);
    send.run();
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (seen.size() < want && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
    src.stop();
    t.join(2000);
    return new ArrayList<>(seen);
  }

  private static void send(int fromPort, int toPort, String token) {
    try (DatagramSocket s = new DatagramSocket(fromPort, InetAddress.getLoopbackAddress())) {
      byte[] b = token.getBytes(StandardCharsets.ISO_8859_1);
      s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), toPort));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void filterPassesOnlyItsPortAndKernelCountsThem() throws Exception {
    String run = Long.toHexString(System.nanoTime());
    try (AfPacketSource src = openOrSkip(List.of(lo("udp and dst port " + PORT)), 0, 1)) {
      List<String> got =
          capture(
              src,
              () -> {
                for (int i = 0; i < 20; i++) {
                  send(0, PORT, "vigil-token-" + run + "-in-" + i);
                  send(0, PORT + 1, "vigil-token-" + run + "-out-" + i);
                }
              },
              20);
      // on lo each datagram is seen once (outgoing and incoming are one frame there)
      List<String> mine = got.stream().filter(s -> s.contains(run)).toList();
      assertEquals(20, new HashSet<>(mine).size(), "each passed datagram once: " + mine);
      assertEquals(20, mine.size(), "no duplicates: " + mine);
      assertTrue(
          mine.stream().allMatch(s -> s.contains("-in-")), "only the filter's port: " + mine);
      long packets = src.stats().get(0).packets();
      assertTrue(packets >= 20, "kernel packets counted: " + packets);
      assertEquals(0, src.stats().get(0).drops(), "no drops");
    }
  }

  @Test
  void fanoutKeepsEachFlowOnOneSocket() throws Exception {
    String run = Long.toHexString(System.nanoTime());
    AfPacketOptions o =
        new AfPacketOptions(
            "lo",
            2,
            4000 + PORT % 1000,
            ClusterType.CLUSTER_FLOW,
            true,
            2048,
            1 << 20,
            10,
            0,
            false,
            "udp and (port " + PORT + " or port " + (PORT + 1) + ")",
            "auto");
    try (AfPacketSource a = openOrSkip(List.of(o), 0, 2);
        AfPacketSource b = AfPacketSource.open(List.of(o), 1, 2, m -> {})) {
      ConcurrentLinkedQueue<String> seenB = new ConcurrentLinkedQueue<>();
      Thread tb =
          Thread.ofPlatform()
              .start(
                  () ->
                      b.run(
                          new Packet(70_000),
                          p -> {
                            String s =
                                new String(p.data(), 0, p.length(), StandardCharsets.ISO_8859_1);
                            int i = s.indexOf("vigil-token-");
                            if (i >= 0) {
                              seenB.add(s.substring(i).trim());
                            }
                          },
                          now -> {}));
      List<String> seenA =
          capture(
              a,
              () -> {
                for (int f = 0; f < 16; f++) {
                  // flow f: three datagrams to PORT from source port PORT + 10 + f
                  for (int i = 0; i < 3; i++) {
                    send(PORT + 10 + f, PORT, "vigil-token-" + run + "-f" + f + "-q" + i);
                  }
                }
              },
              1);
      Thread.sleep(300);
      b.stop();
      tb.join(2000);
      Set<String> flowsA = flows(seenA, run);
      Set<String> flowsB = flows(new ArrayList<>(seenB), run);
      assertEquals(
          16, flowsA.size() + flowsB.size(), "every flow on one socket: " + flowsA + flowsB);
      assertFalse(
          flowsA.isEmpty() || flowsB.isEmpty(), "both sockets get flows: " + flowsA + flowsB);
      assertEquals(
          48,
          seenA.stream().filter(s -> s.contains(run)).count()
              + seenB.stream().filter(s -> s.contains(run)).count(),
          "every datagram once");
    }
  }

  private static Set<String> flows(List<String> tokens, String run) {
    Set<String> out = new HashSet<>();
    for (String t : tokens) {
      if (t.contains(run)) {
        out.add(t.replaceAll(".*-(f\\d+)-.*", "$1"));
      }
    }
    return out;
  }

  @Test
  void missingInterfaceAndBadFilterSayWhat() {
    AfPacketException e =
        assertThrows(
            AfPacketException.class,
            () -> AfPacketSource.open(List.of(lo(null).withIface("nosuch0")), 0, 1, m -> {}));
    assertEquals("interface nosuch0: no such interface", e.getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> AfPacketSource.open(List.of(lo("tcp port")), 0, 1, m -> {}));
    assertTrue(bad.getMessage().startsWith("bad BPF filter 'tcp port': "), bad.getMessage());
  }
}
