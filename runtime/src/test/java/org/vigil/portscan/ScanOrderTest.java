package org.vigil.portscan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The shape of a scan does not follow the order its attempts reach the tracker: a decoy scan, a
 * distributed scan and a portscan replayed with their sources' probes interleaved in other orders
 * (sources shuffled on each port, the probes split between two workers by flow and merged as the
 * workers happen to run: one ahead of the other, or taking turns at random) raise the same sid
 * every time, and so do two threads sharing the tracker (each scan once).
 */
class ScanOrderTest {
  static final String TARGET = PortscanDetectorTest.TARGET;

  /** One probe: a SYN from {@code source} to {@code port}, refused. */
  private record Probe(String source, int port) {}

  /** Ten sources taking turns on each of 40 ports. */
  private static List<Probe> decoy() {
    List<Probe> out = new ArrayList<>();
    for (int port = 1; port <= 40; port++) {
      for (int d = 1; d <= 10; d++) {
        out.add(new Probe("10.0.5." + d, port));
      }
    }
    return out;
  }

  /** {@code sources} sources, each on its own 20 ports, their probes interleaved. */
  private static List<Probe> distributed(int sources) {
    List<Probe> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (int s = 1; s <= sources; s++) {
        out.add(new Probe("10.0.6." + s, s * 100 + i));
      }
    }
    return out;
  }

  /** One source on 30 ports. */
  private static List<Probe> portscan() {
    List<Probe> out = new ArrayList<>();
    for (int port = 1; port <= 30; port++) {
      out.add(new Probe("10.0.0.1", port));
    }
    return out;
  }

  private static List<Integer> sids(List<Probe> probes) {
    ScanWire w = new ScanWire(PortscanConfig.all(SenseLevel.LOW));
    for (Probe p : probes) {
      w.syn(p.source(), TARGET, p.port()).rst(p.source(), TARGET, p.port());
    }
    return w.sids();
  }

  /** The probes of each port with their sources in a random order (in capture order otherwise). */
  private static List<Probe> shuffledPerPort(List<Probe> probes, Random r) {
    List<Probe> out = new ArrayList<>();
    int i = 0;
    while (i < probes.size()) {
      int j = i;
      while (j < probes.size() && probes.get(j).port() == probes.get(i).port()) {
        j++;
      }
      List<Probe> run = new ArrayList<>(probes.subList(i, j));
      Collections.shuffle(run, r);
      out.addAll(run);
      i = j;
    }
    return out;
  }

  /** The worker a probe's flow is hashed to, of two. */
  private static int worker(Probe p, int salt) {
    return Math.floorMod((p.source() + "/" + p.port() + "/" + salt).hashCode() * 0x9E3779B1, 2);
  }

  /**
   * The probes split between two workers by flow, merged by {@code next}: given how many probes the
   * merge took so far, the worker whose next probe comes now (the other when it has none left).
   */
  private static List<Probe> merged(List<Probe> probes, int salt, IntFunction<Integer> next) {
    List<List<Probe>> workers = List.of(new ArrayList<>(), new ArrayList<>());
    for (Probe p : probes) {
      workers.get(worker(p, salt)).add(p);
    }
    int[] at = new int[2];
    List<Probe> out = new ArrayList<>();
    while (out.size() < probes.size()) {
      int w = next.apply(out.size());
      if (at[w] == workers.get(w).size()) {
        w = 1 - w;
      }
      out.add(workers.get(w).get(at[w]++));
    }
    return out;
  }

  /** An order to replay a scan's probes in, named for a failure message. */
  private record Order(String name, List<Probe> probes) {}

  /** The orders a scan's probes are replayed in, capture order first. */
  private static List<Order> orders(List<Probe> probes) {
    List<Order> out = new ArrayList<>();
    out.add(new Order("capture order", probes));
    for (int seed = 0; seed < 10; seed++) {
      Random r = new Random(seed);
      out.add(new Order("sources shuffled per port, seed " + seed, shuffledPerPort(probes, r)));
      out.add(new Order("worker 0 first, split " + seed, merged(probes, seed, n -> 0)));
      out.add(new Order("worker 1 first, split " + seed, merged(probes, seed, n -> 1)));
      out.add(
          new Order("workers at random, seed " + seed, merged(probes, seed, n -> r.nextInt(2))));
      // one worker takes turns of up to 12 probes, the other single probes: their ports drift
      // apart and most probes change the port
      int[] turn = {0, 0};
      out.add(
          new Order(
              "workers drifting apart, seed " + seed,
              merged(
                  probes,
                  seed,
                  n -> {
                    if (turn[1]-- <= 0) {
                      turn[0] = 1 - turn[0];
                      turn[1] = turn[0] == 0 ? r.nextInt(12) : 0;
                    }
                    return turn[0];
                  })));
    }
    return out;
  }

  @Test
  void aDecoyScanIsADecoyScanInEveryOrder() {
    for (Order order : orders(decoy())) {
      assertEquals(List.of(2), sids(order.probes()), order.name());
    }
  }

  @Test
  void aDistributedScanIsADistributedScanInEveryOrder() {
    for (int sources : List.of(2, 4)) {
      for (Order order : orders(distributed(sources))) {
        assertEquals(List.of(4), sids(order.probes()), sources + " sources, " + order.name());
      }
    }
  }

  @Test
  void aPortscanIsAPortscanInEveryOrder() {
    for (Order order : orders(portscan())) {
      assertEquals(List.of(1), sids(order.probes()), order.name());
    }
  }

  /** The sids two threads sharing one tracker find in {@code probes}, split by flow. */
  private static List<Integer> twoThreads(List<Probe> probes, int salt) throws Exception {
    PortscanConfig all = PortscanConfig.all(SenseLevel.LOW);
    ScanTracker tracker = new ScanTracker(all.memcapBytes(), 2);
    List<ScanAlert> alerts = new ArrayList<>();
    ScanWire[] workers = {new ScanWire(all, tracker, alerts), new ScanWire(all, tracker, alerts)};
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int me = t;
      threads[t] =
          new Thread(
              () -> {
                for (Probe p : probes) {
                  if (worker(p, salt) == me) {
                    workers[me].syn(p.source(), TARGET, p.port()).rst(p.source(), TARGET, p.port());
                  }
                }
              });
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return workers[0].sids();
  }

  @Test
  void twoThreadsSharingTheTrackerSeeEachScanOnceAsOneThreadDoes() throws Exception {
    List<Probe> wide = new ArrayList<>();
    for (int port = 1; port <= 400; port++) {
      wide.add(new Probe("10.0.0.1", port));
    }
    for (int round = 0; round < 10; round++) {
      assertEquals(List.of(2), twoThreads(decoy(), round), "decoy, round " + round);
      assertEquals(List.of(4), twoThreads(distributed(4), round), "distributed, round " + round);
      assertEquals(List.of(1), twoThreads(wide, round), "400-port portscan, round " + round);
    }
  }

  @Test
  void theSampleOfSourcesPerPortIsTheSameInAnyOrder() {
    Random r = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<long[]> attempts = new ArrayList<>();
      int ports = 1 + r.nextInt(40);
      int sources = 1 + r.nextInt(12);
      for (int i = r.nextInt(200); i >= 0; i--) {
        attempts.add(new long[] {r.nextInt(ports) * 37 + 1, r.nextInt(sources) + 0x0a000000L});
      }
      PortSources first = null;
      for (int k = 0; k < 4; k++) {
        Collections.shuffle(attempts, r);
        PortSources s = new PortSources();
        for (long[] a : attempts) {
          s.add((int) a[0], 0, a[1]);
        }
        if (first == null) {
          first = s;
        } else {
          assertEquals(first.toString(), s.toString());
          assertEquals(first.ports(), s.ports());
          assertEquals(first.shared(), s.shared());
          assertEquals(first.oneSourceMadeMost(), s.oneSourceMadeMost());
        }
      }
    }
  }
}
