package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.testing.FloodCaptures;
import org.vigil.testing.Json;
import org.vigil.testing.StatsJson;

/**
 * Floods against small memcaps, as an attacker would send them (captures generated here): a SYN
 * flood from random sources, never-completed first fragments, out-of-order segments behind a hole
 * that is never filled, and more concurrent HTTP flows than the HTTP memcap holds. Each run ends
 * with exit 0, every store's peak memuse within its memcap, and the memcap hits counted in
 * stats.json and in the EVE stats record, in the single and workers run modes.
 */
class MemcapFloodRunTest {
  @TempDir static Path dir;
  private static Path rules;

  @BeforeAll
  static void rules() throws Exception {
    rules =
        Files.writeString(
            dir.resolve("flood.rules"),
            "alert tcp any any -> any 80 (msg:\"flood\"; flow:established,to_server;"
                + " content:\"abcdefgh\"; sid:1; rev:1;)\n"
                + "alert tcp any any -> any 80 (msg:\"page\"; flow:established,to_server;"
                + " content:\"/index.html\"; sid:2; rev:1;)\n");
  }

  private static Map<String, Object> run(String name, Path pcap, String mode, String... sets)
      throws Exception {
    Path logs = dir.resolve(name + "-" + mode);
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-r",
                pcap.toString(),
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "--runmode",
                mode));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> stats =
        (Map<String, Object>) StatsJson.read(logs.resolve("stats.json")).get("stats");
    // the EVE stats record carries the same counters
    String eve = Files.readString(logs.resolve("eve.json"));
    String last = null;
    for (String line : eve.split("\n")) {
      if (line.contains("\"event_type\":\"stats\"")) {
        last = line;
      }
    }
    assertTrue(last != null, "an EVE stats record in " + logs);
    @SuppressWarnings("unchecked")
    Map<String, Object> eveStats = (Map<String, Object>) Json.object(last).get("stats");
    for (String k : List.of("flow.memuse_peak", "tcp.memuse_peak", "defrag.memuse_peak")) {
      assertEquals(StatsJson.number(stats, k), StatsJson.number(eveStats, k), k);
    }
    return stats;
  }

  private static long n(Map<String, Object> stats, String key) {
    return StatsJson.number(stats, key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"single", "workers"})
  void synFloodStaysWithinTheFlowAndSessionMemcaps(String mode) throws Exception {
    Path pcap = dir.resolve("syn-" + mode + ".pcap");
    FloodCaptures.synFlood(pcap, 30_000);
    Map<String, Object> s =
        run("syn", pcap, mode, "flow.memcap=1mb", "flow.prealloc=100", "stream.memcap=512kb");
    assertEquals(30_000, n(s, "flow.total"));
    assertTrue(n(s, "flow.emerg_mode_entered") >= 1, "emergency mode: " + s.get("flow"));
    assertTrue(n(s, "flow.evicted") > 20_000, "flows evicted: " + s.get("flow"));
    assertTrue(n(s, "flow.memuse_peak") <= 1 << 20, "flow memuse: " + s.get("flow"));
    assertTrue(n(s, "flow.memuse_peak") > (1 << 20) / 2, "flow memuse: " + s.get("flow"));
    assertTrue(n(s, "tcp.ssn_memcap_drop") > 0, "sessions refused: " + s.get("tcp"));
    assertTrue(n(s, "tcp.memuse_peak") <= 512 << 10, "session memuse: " + s.get("tcp"));
    assertEquals(0, n(s, "tcp.memuse"), "every session gave its memory back: " + s.get("tcp"));
  }

  @Test
  void fragmentFloodStaysWithinTheDefragMemcapAndMaxFrags() throws Exception {
    Path pcap = dir.resolve("frag.pcap");
    FloodCaptures.fragmentFlood(pcap, 5_000, 1024);
    Map<String, Object> s = run("frag", pcap, "single", "defrag.memcap=1mb");
    assertEquals(5_000, n(s, "defrag.fragments"));
    assertTrue(n(s, "defrag.memcap") > 0, "memcap reached: " + s.get("defrag"));
    assertTrue(n(s, "defrag.evicted") > 3_000, "oldest datagrams evicted: " + s.get("defrag"));
    assertTrue(n(s, "defrag.memuse_peak") <= 1 << 20, "defrag memuse: " + s.get("defrag"));
    Map<String, Object> f = run("maxfrags", pcap, "single", "defrag.max-frags=100");
    assertEquals(4_900, n(f, "defrag.max_frag_hits"), "fragments past max-frags: " + f);
    Map<String, Object> t = run("trackers", pcap, "single", "defrag.trackers=50");
    assertEquals(4_950, n(t, "defrag.evicted"), "datagrams past defrag.trackers: " + t);
  }

  @ParameterizedTest
  @ValueSource(strings = {"single", "workers"})
  void segmentFloodStaysWithinTheReassemblyMemcap(String mode) throws Exception {
    Path pcap = dir.resolve("seg-" + mode + ".pcap");
    FloodCaptures.segmentFlood(pcap, 200, 40, 1000);
    Map<String, Object> s = run("seg", pcap, mode, "stream.reassembly.memcap=2mb");
    assertEquals(200, n(s, "tcp.sessions"));
    assertTrue(n(s, "tcp.segment_memcap_drop") > 0, "segments refused: " + s.get("tcp"));
    assertTrue(n(s, "tcp.reassembly_memuse_peak") <= 2 << 20, "reassembly memuse: " + s.get("tcp"));
    assertTrue(n(s, "tcp.reassembly_memuse_peak") > 1 << 20, "reassembly memuse: " + s.get("tcp"));
    assertEquals(0, n(s, "tcp.reassembly_memuse"), "all given back at the end: " + s.get("tcp"));
  }

  /**
   * The packet scans kept for each flow direction's raw chunks count in {@code stream.memcap} with
   * their session and go with it; a memcap with room for the sessions but few of those scans keeps
   * every flow tracked and every alert: a chunk whose packets were not kept is scanned whole.
   */
  @Test
  void keptPacketScansCountInTheSessionMemcapAndNeverCostAnAlert() throws Exception {
    int flows = 300;
    Path pcap = dir.resolve("scans.pcap");
    FloodCaptures.httpFlows(pcap, flows);
    Map<String, Object> s = run("scans", pcap, "single");
    long each =
        org.vigil.stream.StreamEngine.SESSION_BYTES + org.vigil.detect.StreamHits.INITIAL_BYTES;
    assertTrue(n(s, "tcp.memuse_peak") >= flows * each, "sessions and scans: " + s.get("tcp"));
    assertEquals(0, n(s, "tcp.memuse"), "all given back with the sessions: " + s.get("tcp"));
    assertEquals(flows, n(s, "detect.alert"), "one alert per request: " + s.get("detect"));
    long kb = (flows * (long) org.vigil.stream.StreamEngine.SESSION_BYTES >> 10) + 8;
    Map<String, Object> c = run("scans-capped", pcap, "single", "stream.memcap=" + kb + "kb");
    assertEquals(0, n(c, "tcp.ssn_memcap_drop"), "every session tracked: " + c.get("tcp"));
    assertTrue(n(c, "tcp.memuse_peak") <= kb << 10, "within the memcap: " + c.get("tcp"));
    assertEquals(0, n(c, "tcp.memuse"), "all given back with the sessions: " + c.get("tcp"));
    assertEquals(flows, n(c, "detect.alert"), "the same alerts: " + c.get("detect"));
  }

  @Test
  void httpFlowsPastTheHttpMemcapAreCounted() throws Exception {
    Path pcap = dir.resolve("http.pcap");
    FloodCaptures.httpFlows(pcap, 100);
    Map<String, Object> s = run("http", pcap, "single", "app-layer.protocols.http.memcap=64kb");
    assertTrue(n(s, "http.memcap") > 0, "HTTP flows refused: " + s.get("http"));
    assertTrue(n(s, "http.memuse_peak") <= 64 << 10, "HTTP memuse: " + s.get("http"));
    assertTrue(n(s, "http.memuse_peak") > 32 << 10, "HTTP memuse: " + s.get("http"));
    assertEquals(0, n(s, "http.memuse"), "all given back at the end: " + s.get("http"));
    Map<String, Object> d = run("http-default", pcap, "single");
    assertEquals(0, n(d, "http.memcap"), "the default memcap holds 100 flows: " + d.get("http"));
    assertTrue(n(d, "http.memuse_peak") >= 100 * 3072L, "HTTP memuse: " + d.get("http"));
  }
}
