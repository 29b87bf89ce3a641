package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.detect.Ruleset;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.PcapWriter;
import org.vigil.testing.StatsJson;
import org.vigil.testing.TestRules;
import org.vigil.thread.queue.Router;

/**
 * The {@code workers} run mode over capture files, where each worker reads every capture and runs
 * only its flows: packets whose worker is known only after defragmentation or decapsulation reach
 * that worker, decode and defrag counters are counted once, and a run asked to stop reads the same
 * captures in every worker.
 */
class WorkersCaptureRunTest {
  private static final String RULES =
      """
      alert udp any any -> any 7000 (msg:"reassembled"; content:"FRAGSECRET"; sid:1;)
      alert udp any any -> any 7001 (msg:"tunnelled"; content:"TUNNELSECRET"; sid:2;)
      alert udp any any -> any 7002 (msg:"heavy"; content:"HEAVY"; pcre:"/HEAVY[a-z]*X/"; sid:3;)
      """;

  static ClassificationConfig classes;
  static Ruleset rules;

  @TempDir Path tmp;

  @BeforeAll
  static void compile(@TempDir Path dir) throws IOException {
    TestRules compiled = TestRules.compile(dir, "workers.rules", RULES);
    classes = compiled.classes();
    rules = compiled.ruleset();
  }

  /**
   * Datagrams of one address pair cut in two fragments (the content spans the cut), each on its own
   * ports: every fragment hashes without ports (one worker), the reassembled datagrams spread over
   * both, so most are reassembled by a worker that does not own the fragments (certainly so with
   * the static flow hash; with claims, as the workers' progress claims them).
   */
  @Test
  void fragmentsReassembleOnTheWorkerOfTheirFlowCountedOnce() throws IOException {
    PcapWriter w = PcapWriter.pcap(1);
    int datagrams = 200;
    long ts = 1_700_000_000_000_000L;
    for (int i = 0; i < datagrams; i++) {
      byte[] payload = new byte[64];
      System.arraycopy(bytes("FRAGSECRET"), 0, payload, 20, 10);
      byte[] whole = PacketBuilder.ipv4("10.1.0.1", "10.2.0.2", 17, udp(2000 + i, 7000, payload));
      byte[] l4 = Arrays.copyOfRange(whole, 20, whole.length);
      // 32 bytes in the first fragment: the UDP header and payload bytes 0..23
      byte[] first = Arrays.copyOfRange(l4, 0, 32);
      byte[] second = Arrays.copyOfRange(l4, 32, l4.length);
      int id = 100 + i;
      w.packet(
          ts + i * 1000L,
          PacketBuilder.ethernet(
              0x0800,
              PacketBuilder.ipv4("10.1.0.1", "10.2.0.2", 17, id, 0, true, 64, new byte[0], first)));
      w.packet(
          ts + i * 1000L + 10,
          PacketBuilder.ethernet(
              0x0800,
              PacketBuilder.ipv4(
                  "10.1.0.1", "10.2.0.2", 17, id, 32, false, 64, new byte[0], second)));
    }
    Path capture = w.write(tmp.resolve("frags.pcap"));
    Path single = run("single", null, List.of(capture));
    assertEquals(datagrams, alerts(single).size(), "every reassembled datagram alerts in single");
    Map<String, Object> s = stats(single);
    for (boolean claims : new boolean[] {true, false}) {
      Path workers = run("workers", 2, List.of(capture), claims);
      assertEquals(alerts(single), alerts(workers));
      Map<String, Object> p = stats(workers);
      assertEquals(s.get("decoder"), p.get("decoder"), "decode counted once");
      assertEquals(s.get("defrag"), p.get("defrag"), "defrag counted once");
      assertEquals((long) datagrams, number(p, "defrag.reassembled"));
      assertEquals(number(s, "flow.total"), number(p, "flow.total"));
      if (!claims) {
        assertBothWorkersAlerted(workers);
      }
    }
  }

  /**
   * UDP flows inside one IPv4-in-IPv4 tunnel: the outer packets are one flow, the inner ones are
   * routed by their own ports to both workers (certainly so with the static flow hash).
   */
  @Test
  void tunnelInnerPacketsReachTheWorkerOfTheirFlow() throws IOException {
    PcapWriter w = PcapWriter.pcap(1);
    int flows = 200;
    long ts = 1_700_000_000_000_000L;
    for (int i = 0; i < flows; i++) {
      byte[] payload = new byte[40];
      System.arraycopy(bytes("TUNNELSECRET"), 0, payload, 5, 12);
      byte[] inner =
          PacketBuilder.ipv4("192.168.0.1", "192.168.9.9", 17, udp(3000 + i, 7001, payload));
      w.packet(
          ts + i * 1000L,
          PacketBuilder.ethernet(0x0800, PacketBuilder.ipv4("10.9.0.1", "10.9.0.2", 4, inner)));
    }
    Path capture = w.write(tmp.resolve("tunnel.pcap"));
    Path single = run("single", null, List.of(capture));
    assertEquals(flows, alerts(single).size(), "every inner datagram alerts in single");
    Map<String, Object> s = stats(single);
    for (boolean claims : new boolean[] {true, false}) {
      Path workers = run("workers", 2, List.of(capture), claims);
      assertEquals(alerts(single), alerts(workers));
      Map<String, Object> p = stats(workers);
      assertEquals(s.get("decoder"), p.get("decoder"), "decode counted once");
      assertEquals(number(s, "flow.total"), number(p, "flow.total"));
      if (!claims) {
        assertBothWorkersAlerted(workers);
      }
    }
  }

  /**
   * Two heavy flows whose static flow hashes pick the same worker, the second starting once the
   * first's worker fell behind: the static hash leaves the other worker idle, with claims the
   * worker ahead (the idle one) claims the second flow, and the alerts stay those of single.
   */
  @Test
  void aSecondHeavyFlowGoesToTheWorkerAheadNotToTheHashedOne() throws IOException {
    Router.FlowHash hash = new Router.FlowHash(2);
    int sport = 5001;
    while (hash.route(decoded(heavy("10.5.0.2", sport, false)))
        != hash.route(decoded(heavy("10.5.0.1", 5000, false)))) {
      sport++;
    }
    PcapWriter w = PcapWriter.pcap(1);
    long ts = 1_700_000_000_000_000L;
    int packets = 8000;
    for (int i = 0; i < packets; i++) {
      // the first flow alone, then both in turn; every 100th packet alerts
      boolean second = i >= packets / 2 && i % 2 == 1;
      w.packet(
          ts + i * 100L,
          heavy(second ? "10.5.0.2" : "10.5.0.1", second ? sport : 5000, i % 100 < 2));
    }
    Path capture = w.write(tmp.resolve("heavy.pcap"));
    Path single = run("single", null, List.of(capture));
    assertEquals(packets / 50, alerts(single).size(), "every 100th packet of each flow alerts");
    Path hashed = run("workers", 2, List.of(capture), false);
    assertEquals(alerts(single), alerts(hashed));
    assertEquals(0, Math.min(workerPackets(hashed, "W#1"), workerPackets(hashed, "W#2")));
    // which worker is ahead is the scheduler's choice: the second worker, started late on a busy
    // machine, may reach the second flow after the first; one of three runs must split them
    List<String> splits = new ArrayList<>();
    for (int attempt = 0; attempt < 3 && splits.size() == attempt; attempt++) {
      Path claimed = run("workers", 2, List.of(capture), true);
      assertEquals(alerts(single), alerts(claimed));
      long w1 = workerPackets(claimed, "W#1");
      long w2 = workerPackets(claimed, "W#2");
      assertEquals(packets, w1 + w2);
      if (w1 == 0 || w2 == 0) {
        splits.add(w1 + "/" + w2);
      }
    }
    assertTrue(splits.size() < 3, "both workers ran packets in no run: " + splits);
  }

  @Test
  void anUnknownFlowOwnerIsAConfigErrorNamingTheChoices() {
    VigilConfig cfg = VigilConfig.load(null, List.of("threading.flow-owner=round"));
    ThreadLayout layout = ThreadLayout.from(cfg, "workers", 2);
    org.vigil.config.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.vigil.config.ConfigException.class,
            () ->
                new EngineAssembly(
                    rules,
                    cfg,
                    null,
                    null,
                    org.vigil.app.AppLayers.defaults(),
                    layout,
                    getClass().getClassLoader()));
    assertEquals(
        "threading.flow-owner: expected first-claim or flow-hash, found 'round'", e.getMessage());
  }

  /** Captures in several files: each is read by both workers once, the counters count it once. */
  @Test
  void everyCaptureOfAListIsReadOnceAsInSingle() throws IOException {
    List<Path> captures = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      PcapWriter w = PcapWriter.pcap(1);
      for (int i = 0; i < 50; i++) {
        byte[] payload = new byte[40];
        System.arraycopy(bytes("TUNNELSECRET"), 0, payload, 0, 12);
        w.packet(
            1_700_000_000_000_000L + i * 1000L,
            PacketBuilder.ethernet(
                0x0800,
                PacketBuilder.ipv4(
                    "10.3.0." + (f + 1), "10.4.0.1", 17, udp(4000 + i, 7001, payload))));
      }
      captures.add(w.write(tmp.resolve("part" + f + ".pcap")));
    }
    Path single = run("single", null, captures);
    Path workers = run("workers", 2, captures);
    assertEquals(150, alerts(single).size());
    assertEquals(alerts(single), alerts(workers));
    Map<String, Object> s = stats(single);
    Map<String, Object> p = stats(workers);
    assertEquals(s.get("capture"), p.get("capture"));
    assertEquals(s.get("decoder"), p.get("decoder"));
    assertEquals(number(s, "flow.total"), number(p, "flow.total"));
    @SuppressWarnings("unchecked")
    Map<String, Object> output =
        (Map<String, Object>) ((Map<String, Object>) p.get("threading")).get("output");
    assertEquals("coordinator", output.get("thread"), "the coordinator writes the events");
    assertTrue(((Number) output.get("events")).longValue() >= 150, "every alert went through it");
  }

  /** The first worker to reach a capture decides for all once the run is asked to stop. */
  @Test
  void aStoppedRunReadsTheSameCapturesInEveryWorker() {
    CaptureGate gate = new CaptureGate();
    assertTrue(gate.admit(0));
    assertTrue(gate.admit(1));
    gate.stop();
    // the other worker reaches the captures the first one started: it reads them too
    assertTrue(gate.admit(0));
    assertTrue(gate.admit(1));
    assertFalse(gate.admit(2), "not started before the stop");
    assertFalse(gate.admit(2));
    assertFalse(gate.admit(3));
  }

  private void assertBothWorkersAlerted(Path logs) throws IOException {
    Map<String, Object> stats = StatsJson.read(logs.resolve("stats.json"));
    for (String w : List.of("W#1", "W#2")) {
      assertTrue(
          StatsJson.number(stats, "stats.threading.threads." + w + ".detect.alerts") > 0,
          w + " raised alerts on its flows: " + stats);
    }
  }

  private static long workerPackets(Path logs, String worker) throws IOException {
    return StatsJson.number(
        StatsJson.read(logs.resolve("stats.json")),
        "stats.threading.threads." + worker + ".packets");
  }

  /**
   * A frame of the heavy flow from {@code src}:{@code sport}: the pattern scans its whole payload,
   * and matches when it ends in the {@code alert} byte.
   */
  private static byte[] heavy(String src, int sport, boolean alert) {
    byte[] payload = new byte[1400];
    Arrays.fill(payload, (byte) 'a');
    System.arraycopy(bytes("HEAVY"), 0, payload, 0, 5);
    payload[payload.length - 1] = (byte) (alert ? 'X' : 'a');
    return PacketBuilder.ethernet(
        0x0800, PacketBuilder.ipv4(src, "10.6.0.1", 17, udp(sport, 7002, payload)));
  }

  private static Packet decoded(byte[] frame) {
    Packet p = new Packet(frame.length);
    System.arraycopy(frame, 0, p.data(), 0, frame.length);
    p.setFrame(frame.length, frame.length, 1_000_000_000L, LinkTypes.ETHERNET, 1, "test");
    new Decoder(DecodeConfig.defaults(), new PathStats()).decode(p);
    return p;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A UDP datagram with its checksum (as an unfragmented datagram of the test's addresses). */
  private static byte[] udp(int sport, int dport, byte[] payload) {
    return PacketBuilder.udp(sport, dport, payload);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stats(Path logs) throws IOException {
    return (Map<String, Object>) StatsJson.read(logs.resolve("stats.json")).get("stats");
  }

  private static long number(Map<String, Object> stats, String path) {
    return StatsJson.number(stats, path);
  }

  private Path run(String mode, Integer threads, List<Path> captures) throws IOException {
    return run(mode, threads, captures, true);
  }

  /**
   * A run of {@code mode}; a {@code workers} run without {@code claims} routes by the static flow
   * hash ({@code threading.flow-owner: flow-hash}).
   */
  private Path run(String mode, Integer threads, List<Path> captures, boolean claims)
      throws IOException {
    return WorkersRecordRuns.run(rules, classes, tmp, mode, threads, captures, claims);
  }

  /** The alerts of eve.json as sorted "capture sid endpoints pcap_cnt" lines. */
  private static List<String> alerts(Path logs) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, Object> m = StatsJson.parse(line);
      if (!"alert".equals(m.get("event_type"))) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> alert = (Map<String, Object>) m.get("alert");
      out.add(
          m.get("pcap_filename")
              + " "
              + alert.get("signature_id")
              + " "
              + m.get("src_ip")
              + "/"
              + m.get("src_port")
              + " "
              + m.get("dest_ip")
              + "/"
              + m.get("dest_port")
              + " #"
              + m.get("pcap_cnt"));
    }
    Collections.sort(out);
    return out;
  }
}
