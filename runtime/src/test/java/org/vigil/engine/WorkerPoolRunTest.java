package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * The multi-threaded run modes give the single mode's alerts: ET Open over the zeek captures in
 * single, workers×2, workers×3, autofp×2 and a custom layout give the same alerts (capture, sid,
 * flow, pcap_cnt, EVE flow_id); a custom layout routes IPv6 to its own thread; a plugin module is
 * loaded.
 */
class WorkerPoolRunTest {
  static final Path CORPUS = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
  static Ruleset etOpen;
  static ClassificationConfig classes;
  static List<Path> zeek;
  static List<Path> ipv6;

  @TempDir Path tmp;

  @BeforeAll
  static void compileEtOpen() throws IOException {
    Path list = CORPUS.resolve("expected/suricata-7.0.10/et-open/zeek.pcaps.tsv");
    if (!Files.isRegularFile(list)) {
      return;
    }
    zeek = new ArrayList<>();
    ipv6 = new ArrayList<>();
    List<String> lines = Files.readAllLines(list);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      if (f.length >= 2 && f[1].equals("ok")) {
        zeek.add(CORPUS.resolve(f[0]));
        if (f[0].contains("ipv6")) {
          ipv6.add(CORPUS.resolve(f[0]));
        }
      }
    }
    VigilConfig cfg = VigilConfig.load(null, List.of());
    classes = ClassificationConfig.load(cfg.classificationFile());
    Path rules = CORPUS.resolve("rules/et-open");
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
    etOpen =
        Compilation.run(front, classes, RulesetCompiler.sourceHash(FrontEnd.expand(List.of(rules))))
            .backend()
            .link();
  }

  private static void assumeCorpus() {
    assumeTrue(etOpen != null, "corpus not found at " + CORPUS.toAbsolutePath());
  }

  @Test
  void everyRunModeGivesTheSingleModesAlerts() throws IOException {
    assumeCorpus();
    Path singleLogs = run("single", null, List.of(), zeek);
    List<String> single = alerts(singleLogs, "single");
    assertFalse(single.isEmpty(), "ET Open raises alerts on the zeek captures");
    // every run writes the pcap log of the alerted packets (through the alerted router in the
    // parallel modes)
    List<String> singleFrames = org.vigil.testing.PcapFrames.sorted(singleLogs.resolve("log.pcap"));
    assertFalse(singleFrames.isEmpty());
    for (String[] mode : new String[][] {{"workers", "2"}, {"workers", "3"}, {"autofp", "2"}}) {
      Path logs = run(mode[0], Integer.parseInt(mode[1]), List.of(), zeek);
      List<String> got = alerts(logs, mode[0] + "x" + mode[1]);
      assertEquals(
          List.of(),
          diff(single, got),
          mode[0]
              + " with "
              + mode[1]
              + " threads gives other alerts than single ("
              + single.size()
              + " alerts)");
      String stats = Files.readString(logs.resolve("stats.json"));
      assertTrue(
          stats.contains("\"W#" + mode[1] + "\""),
          "stats.json names every worker thread: " + stats);
      assertEquals(
          singleFrames,
          org.vigil.testing.PcapFrames.sorted(logs.resolve("log.pcap")),
          mode[0] + " with " + mode[1] + " threads logs other packets than single");
    }
    System.out.println(
        "run modes: "
            + single.size()
            + " alerts identical in single, workers x2, workers x3, autofp x2; "
            + singleFrames.size()
            + " alerted packets in each pcap log");
  }

  @Test
  void failingRulesAreCountedAndPassedOverInEveryMode() throws IOException {
    assumeCorpus();
    // every matcher fails on packets to port 3306: each such evaluation is a rule error, the rule
    // is
    // disabled for that flow and the run goes on with the other rules
    Ruleset failing =
        etOpen.withMatchers(
            (i, m) ->
                (r, ctx) -> {
                  if (ctx.dstPort == 3306) {
                    throw new IllegalStateException("test matcher fails on port 3306");
                  }
                  return m.match(r, ctx);
                });
    List<Path> mysql = zeek.stream().filter(p -> p.toString().contains("/mysql/")).toList();
    assertFalse(mysql.isEmpty());
    VigilConfig cfg = VigilConfig.load(null, List.of());
    var app = org.vigil.app.AppLayers.defaults();
    long single;
    try (Outputs out = Outputs.open(Files.createTempDirectory(tmp, "err1"), OutputConfig.DEFAULT)) {
      Run run = EngineAssembly.single(failing, cfg, out, new AlertEventMapper(classes), app).run();
      run.run(PacketSource.captures(mysql));
      single = failing.guard().ruleErrors();
      assertTrue(single > 0, "the failing matcher was met");
      assertEquals(0, run.engineErrors(), "a failing rule is no internal error of the engine");
    }
    try (Outputs out = Outputs.open(Files.createTempDirectory(tmp, "err2"), OutputConfig.DEFAULT)) {
      Run run =
          new EngineAssembly(
                  failing,
                  cfg,
                  out,
                  new AlertEventMapper(classes),
                  app,
                  ThreadLayout.from(cfg, "workers", 2),
                  getClass().getClassLoader())
              .run();
      run.run(PacketSource.captures(mysql));
      assertEquals(
          2 * single,
          failing.guard().ruleErrors(),
          "workers x2 meet the same rule errors as single");
      assertEquals(0, run.engineErrors());
    }
  }

  @Test
  void customLayoutSendsIpv6ToItsOwnThread() throws IOException {
    assumeCorpus();
    Path yaml = tmp.resolve("vigil.yaml");
    Files.writeString(
        yaml,
        """
        threading:
          runmode: custom
          router: [ip-version, alerted]
          output: thread
          workers:
            - name: v4
              ip-version: 4
              modules: [flow, detect, packet-counter]
            - name: v6
              ip-version: 6
              modules: [flow, detect, packet-counter]
        """);
    Path logs = run(null, null, List.of(), ipv6, yaml);
    Path single = run("single", null, List.of(), ipv6);
    assertEquals(
        alerts(single, "single"), alerts(logs, "custom"), "the custom layout changes no alert");
    assertEquals(
        org.vigil.testing.PcapFrames.sorted(single.resolve("log.pcap")),
        org.vigil.testing.PcapFrames.sorted(logs.resolve("log.pcap")),
        "the alerted router brings the output stage the packets single logs");
    Map<String, Object> stats = org.vigil.testing.StatsJson.read(logs.resolve("stats.json"));
    System.out.println("custom layout: " + stats.get("stats"));
    long v4Seen =
        org.vigil.testing.StatsJson.number(stats, "stats.threading.threads.v4.packet-counter.ipv4");
    long v6OnV4 =
        org.vigil.testing.StatsJson.number(stats, "stats.threading.threads.v4.packet-counter.ipv6");
    long v6Seen =
        org.vigil.testing.StatsJson.number(stats, "stats.threading.threads.v6.packet-counter.ipv6");
    long v4OnV6 =
        org.vigil.testing.StatsJson.number(stats, "stats.threading.threads.v6.packet-counter.ipv4");
    assertTrue(v6Seen > 100, "the v6 thread got the IPv6 packets: " + v6Seen);
    assertEquals(0, v6OnV4, "no IPv6 packet reached the v4 thread");
    assertEquals(0, v4OnV6, "no IPv4 packet reached the v6 thread");
    assertTrue(v4Seen > 0, "the v4 thread got the IPv4 packets (tunnels, v4 captures): " + v4Seen);
    assertTrue(
        org.vigil.testing.StatsJson.number(
                stats, "stats.threading.threads.v6.packet-counter.with_flow")
            > 0,
        "the plugin ran after the flow module of its thread");
    assertEquals(
        org.vigil.testing.StatsJson.number(stats, "stats.threading.threads.RX.packets"),
        org.vigil.testing.StatsJson.number(stats, "stats.threading.queues.v4.in.dequeued")
            + org.vigil.testing.StatsJson.number(stats, "stats.threading.queues.v6.in.dequeued")
            - 2L * ipv6.size()
            - 2L * org.vigil.testing.StatsJson.number(stats, "stats.threading.ticks")
            - 2,
        "every routed packet went through one queue (plus per capture an end marker, ticks and the stop)");
  }

  /**
   * Thresholds by source over flows spread across workers, in one capture long enough for several
   * of the reader's checkpoints: the workers' kept matches are decided batch by batch, and each
   * source's every 7th match alerts on the same packets as in single mode. Every 50th datagram is a
   * 9,000-byte frame (the worker pools drop such buffers again).
   */
  @Test
  void thresholdsDecidedAtCheckpointsGiveTheSingleModesAlerts() throws IOException {
    Path rules = tmp.resolve("t.rules");
    Files.writeString(
        rules,
        "alert udp any any -> any any (msg:\"every 7th of a source\"; content:\"ping\";"
            + " threshold:type threshold, track by_src, count 7, seconds 3600; sid:9;)\n");
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig cls = ClassificationConfig.load(cfg.classificationFile());
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), cls);
    Ruleset set =
        Compilation.run(front, cls, RulesetCompiler.sourceHash(FrontEnd.expand(List.of(rules))))
            .backend()
            .link();
    org.vigil.testing.PcapWriter w = org.vigil.testing.PcapWriter.pcap(1);
    int sources = 8;
    int perSource = 3000; // 24,000 datagrams: three checkpoints (every 8,192 packets)
    for (int i = 0; i < sources * perSource; i++) {
      String src = "10.0.0." + (1 + i % sources);
      // each datagram of a source on its own ports: its flows spread over the workers
      byte[] payload = new byte[i % 50 == 0 ? 9000 : 64];
      System.arraycopy("ping".getBytes(), 0, payload, 0, 4);
      byte[] udp = org.vigil.testing.PacketBuilder.udp(1024 + (i / sources) % 20000, 53, payload);
      w.packet(
          1_700_000_000_000_000L + i * 100L,
          org.vigil.testing.PacketBuilder.ethernet(
              0x0800, org.vigil.testing.PacketBuilder.ipv4(src, "192.0.2.1", 17, udp)));
    }
    Path capture = w.write(tmp.resolve("threshold.pcap"));
    List<String> single = alerts(run(set, "single", null, List.of(capture)), "single");
    assertEquals(sources * (perSource / 7), single.size(), "every 7th datagram of each source");
    for (int threads : new int[] {2, 3}) {
      List<String> got =
          alerts(run(set, "workers", threads, List.of(capture)), "workers x" + threads);
      assertEquals(List.of(), diff(single, got), "workers x" + threads + " against single");
    }
  }

  @Test
  void aBadLayoutNamesTheKey() throws IOException {
    Path yaml = tmp.resolve("bad.yaml");
    Files.writeString(
        yaml,
        """
        threading:
          runmode: custom
          router: round-robin
          workers:
            - {name: a, modules: [flow, detect]}
        """);
    VigilConfig cfg = VigilConfig.load(yaml, List.of());
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class, () -> ThreadLayout.from(cfg, null, null));
    assertTrue(
        e.getMessage()
            .startsWith("threading.workers[0].modules: the round-robin router splits flows"),
        e.getMessage());
    ConfigException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () ->
                ThreadLayout.from(
                    VigilConfig.load(null, List.of("threading.runmode=fast")), null, null));
    assertEquals(
        "threading.runmode: unknown run mode 'fast' (single, workers, autofp, custom)",
        unknown.getMessage());
  }

  /** The alerts only in {@code a} ("-") and only in {@code b} ("+"), as multisets. */
  private static List<String> diff(List<String> a, List<String> b) {
    List<String> onlyA = new ArrayList<>(a);
    List<String> onlyB = new ArrayList<>(b);
    for (String s : b) {
      onlyA.remove(s);
    }
    for (String s : a) {
      onlyB.remove(s);
    }
    List<String> out = new ArrayList<>();
    onlyA.forEach(s -> out.add("- " + s.replace(CORPUS.toString(), "")));
    onlyB.forEach(s -> out.add("+ " + s.replace(CORPUS.toString(), "")));
    return out;
  }

  private Path run(String mode, Integer threads, List<String> sets, List<Path> captures)
      throws IOException {
    return run(mode, threads, sets, captures, null);
  }

  private Path run(String mode, Integer threads, List<String> sets, List<Path> captures, Path yaml)
      throws IOException {
    return run(etOpen, mode, threads, sets, captures, yaml);
  }

  private Path run(Ruleset rules, String mode, Integer threads, List<Path> captures)
      throws IOException {
    return run(rules, mode, threads, List.of(), captures, null);
  }

  private Path run(
      Ruleset rules,
      String mode,
      Integer threads,
      List<String> sets,
      List<Path> captures,
      Path yaml)
      throws IOException {
    Path logs = Files.createTempDirectory(tmp, (mode == null ? "custom" : mode) + threads);
    VigilConfig cfg = VigilConfig.load(yaml, sets);
    ThreadLayout layout = ThreadLayout.from(cfg, mode, threads);
    var app = org.vigil.app.AppLayers.defaults();
    OutputConfig outputs =
        OutputConfig.fromYaml(
            Map.of("pcap-log", Map.of("enabled", "yes", "conditional", "alerts")), logs);
    try (Outputs out = Outputs.open(logs, outputs)) {
      new EngineAssembly(
              rules,
              cfg,
              out,
              new AlertEventMapper(classes),
              app,
              layout,
              getClass().getClassLoader())
          .run()
          .run(PacketSource.captures(captures));
    }
    return logs;
  }

  /** The alerts of eve.json as sorted "capture sid proto endpoints pcap_cnt flow_id" lines. */
  private static List<String> alerts(Path logs, String label) throws IOException {
    List<String> out = new ArrayList<>();
    JsonFactory json = new JsonFactory();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, Object> m = org.vigil.testing.StatsJson.parse(line);
      if (!"alert".equals(m.get("event_type"))) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> alert = (Map<String, Object>) m.get("alert");
      String a = m.get("src_ip") + "/" + m.get("src_port");
      String b = m.get("dest_ip") + "/" + m.get("dest_port");
      String flow = a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
      out.add(
          m.get("pcap_filename")
              + " "
              + alert.get("signature_id")
              + " "
              + m.get("proto")
              + " "
              + flow
              + " #"
              + m.get("pcap_cnt")
              + " flow_id "
              + m.get("flow_id"));
    }
    Collections.sort(out);
    return out;
  }
}
