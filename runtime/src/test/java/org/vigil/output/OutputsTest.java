package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.log.AlertLogReader;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.Json;

class OutputsTest {
  @TempDir Path logDir;

  private static Object yaml(String... kv) {
    // outputs section in Suricata's list form
    List<Object> l = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      l.add(Map.of(kv[i], Map.of("tag", kv[i + 1])));
    }
    return l;
  }

  @Test
  void alertGoesToTheDurableLogEveFastAndPlugins() throws Exception {
    OutputConfig cfg = OutputConfig.fromYaml(yaml("collect", "t1"), logDir);
    try (Outputs out = Outputs.open(logDir, cfg)) {
      out.alert(TestEvents.alert(2000001, 7));
      out.transaction(new AppEvent(TestEvents.tcpHeader(8), 0, TestEvents.http("curl/8.5.0")));
      out.flow(
          new FlowEvent(
              TestEvents.tcpHeader(9),
              "http",
              1,
              1,
              10,
              10,
              TestEvents.T0,
              TestEvents.T0,
              "closed",
              "shutdown",
              true,
              FlowDetails.NONE));
      out.drop(new DropEvent(TestEvents.tcpHeader(10), 40, 0, 64, 1, "rules", null));
      out.finish(Map.of("decoder", Map.of("pkts", 10L)));
    }
    List<String> eve = Files.readAllLines(logDir.resolve("eve.json"));
    assertEquals(
        List.of("alert", "http", "flow", "drop", "stats"),
        eve.stream()
            .map(
                l -> {
                  try {
                    return Json.flatten(l).get("event_type");
                  } catch (java.io.IOException e) {
                    throw new AssertionError(l, e);
                  }
                })
            .toList());
    assertEquals(1, Files.readAllLines(logDir.resolve("fast.log")).size());
    List<String> stats = Files.readAllLines(logDir.resolve("stats.json"));
    assertEquals(1, stats.size());
    Map<String, String> s = Json.flatten(stats.get(0));
    assertEquals("10", s.get("stats.decoder.pkts"));
    assertEquals("1", s.get("stats.output.alerts"));
    assertEquals(
        List.of("alert t1", "http t1", "flow t1", "drop t1", "stats t1"),
        Files.readAllLines(logDir.resolve("collected.txt")));
    List<Long> sids = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(a -> sids.add(a.signatureId()));
    }
    assertEquals(List.of(2000001L), sids);
  }

  @Test
  void disabledOutputsAreNotWritten() throws Exception {
    OutputConfig cfg =
        OutputConfig.fromYaml(
            Map.of("fast", Map.of("enabled", "no"), "stats", Map.of("enabled", false)), logDir);
    try (Outputs out = Outputs.open(logDir, cfg)) {
      out.alert(TestEvents.alert(1, 1));
      out.finish(Map.of());
    }
    assertTrue(Files.exists(logDir.resolve("eve.json")));
    assertTrue(Files.notExists(logDir.resolve("fast.log")));
    assertTrue(Files.notExists(logDir.resolve("stats.json")));
  }

  @Test
  void unknownOutputAndBadSettingsNameTheKey() {
    OutputConfig cfg = OutputConfig.fromYaml(Map.of("splunk", Map.of()), logDir);
    OutputConfigException e =
        assertThrows(OutputConfigException.class, () -> Outputs.open(logDir, cfg));
    assertEquals("outputs.splunk", e.key());
    assertTrue(e.getMessage().contains("eve-log"), e.getMessage());
    OutputConfigException i =
        assertThrows(
            OutputConfigException.class,
            () -> OutputConfig.fromYaml(Map.of("stats", Map.of("interval", "often")), logDir));
    assertEquals("outputs.stats.interval", i.key());
    OutputConfigException f =
        assertThrows(
            OutputConfigException.class,
            () -> OutputConfig.fromYaml(Map.of("fast", Map.of("enabled", "maybe")), logDir));
    assertEquals("outputs.fast.enabled", f.key());
  }

  @Test
  void httpUserAgentsStreamThroughAConfiguredPipe() throws Exception {
    OutputConfig cfg =
        OutputConfig.fromYaml(
            Map.of(
                "pipes",
                List.of(
                    Map.of("field", "http.user_agent", "command", "cat > ua.txt"),
                    Map.of("field", "http.hostname", "command", "cat > hosts.txt"))),
            logDir);
    List<String> uas =
        List.of("Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "Go-http-client/1.1");
    try (Outputs out = Outputs.open(logDir, cfg)) {
      for (int i = 0; i < uas.size(); i++) {
        out.transaction(new AppEvent(TestEvents.tcpHeader(i + 1), i, TestEvents.http(uas.get(i))));
      }
      out.transaction(
          new AppEvent(
              TestEvents.tcpHeader(9), 3, TestEvents.http(null))); // no user agent: nothing
      out.finish(Map.of());
      assertEquals(3, out.pipes().get(0).offered());
    }
    assertEquals(uas, Files.readAllLines(logDir.resolve("ua.txt")));
    assertEquals(
        List.of("www.example.com", "www.example.com", "www.example.com", "www.example.com"),
        Files.readAllLines(logDir.resolve("hosts.txt")));
  }

  @Test
  void everyLineOfEveryJsonFileIsReadByJq() throws Exception {
    String jq = Jq.find();
    Assumptions.assumeTrue(
        jq != null, "jq not installed (bin/setup installs Debian's jq); skipping the jq check");
    try (Outputs out = Outputs.open(logDir, OutputConfig.DEFAULT)) {
      for (int i = 1; i <= 50; i++) {
        out.alert(TestEvents.alert(i, i));
        out.transaction(
            new AppEvent(
                TestEvents.tcpHeader(i), i, TestEvents.http("agent \"" + i + "\" \\ \u0001 ü")));
      }
      out.alert(TestEvents.icmpAlert(99));
      out.finish(Map.of("decoder", Map.of("pkts", 100L)));
    }
    for (String f : List.of("eve.json", "stats.json")) {
      Path file = logDir.resolve(f);
      Jq.Result r = Jq.run(jq, file, "-c", ".event_type");
      assertEquals(0, r.code(), f + ": " + r.err());
      assertEquals(Files.readAllLines(file).size(), r.out().lines().count(), f);
    }
    Jq.Result ua =
        Jq.run(
            jq,
            logDir.resolve("eve.json"),
            "-r",
            "select(.event_type==\"http\" and .tx_id==7) | .http.http_user_agent");
    assertEquals("agent \"7\" \\ \u0001 ü\n", ua.out());
  }

  @Test
  void perThreadOutputsShareTheAlertLogAndKeepTheirOwnEveFiles() throws Exception {
    int perThread = 500;
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 1; t <= 2; t++) {
      int base = t * 100_000;
      String name = "w" + t;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Outputs out = Outputs.openForThread(logDir, OutputConfig.DEFAULT, name)) {
                      for (int i = 1; i <= perThread; i++) {
                        out.alert(TestEvents.alert(base + i, i));
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
    assertEquals(perThread, Files.readAllLines(logDir.resolve("eve.w1.json")).size());
    assertEquals(perThread, Files.readAllLines(logDir.resolve("eve.w2.json")).size());
    assertEquals(perThread, Files.readAllLines(logDir.resolve("fast.w2.log")).size());
    assertTrue(Files.notExists(logDir.resolve("stats.json")));
    java.util.Set<Long> sids = new java.util.HashSet<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(a -> sids.add(a.signatureId()));
    }
    assertEquals(2 * perThread, sids.size());
  }

  /** HTTP requests of a real capture as tshark reads them: the material a pipe test feeds. */
  private static List<AppEvent> requestsOf(Path pcap) throws Exception {
    Process p =
        new ProcessBuilder(
                "tshark",
                "-r",
                pcap.toString(),
                "-Y",
                "http.request",
                "-T",
                "fields",
                "-E",
                "separator=/t",
                "-e",
                "frame.number",
                "-e",
                "frame.time_epoch",
                "-e",
                "ip.src",
                "-e",
                "tcp.srcport",
                "-e",
                "ip.dst",
                "-e",
                "tcp.dstport",
                "-e",
                "http.host",
                "-e",
                "http.request.uri",
                "-e",
                "http.request.method",
                "-e",
                "http.user_agent")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<AppEvent> out = new ArrayList<>();
    for (String line :
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length < 10 || f[2].isEmpty()) {
        continue;
      }
      long nanos = new java.math.BigDecimal(f[1]).movePointRight(9).longValue();
      EventHeader h =
          new EventHeader(
              nanos,
              0,
              Long.parseLong(f[0]),
              pcap.getFileName().toString(),
              f[2],
              Integer.parseInt(f[3]),
              f[4],
              Integer.parseInt(f[5]),
              "TCP",
              "to_server",
              null,
              null,
              null);
      out.add(
          new AppEvent(
              h,
              out.size(),
              new org.vigil.app.http.HttpRecord(
                  f[6],
                  f[7],
                  f[9].isEmpty() ? null : f[9],
                  null,
                  null,
                  f[8],
                  "HTTP/1.1",
                  null,
                  null)));
    }
    assertEquals(0, p.waitFor());
    return out;
  }

  @Test
  void userAgentsOfZeekHttpCapturesReachAPipedProgram() throws Exception {
    Path zeek =
        Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"), "pcaps", "zeek", "http");
    Assumptions.assumeTrue(Files.isDirectory(zeek), "corpus not found at " + zeek);
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark not installed (bin/setup installs it); it reads the requests this test feeds");
    List<AppEvent> requests = new ArrayList<>();
    for (String f : List.of("bro.org.pcap", "get-gzip.pcap", "cooper-grill-dvwa.pcapng")) {
      requests.addAll(requestsOf(zeek.resolve(f)));
    }
    List<String> expected =
        requests.stream()
            .map(e -> ((org.vigil.app.http.HttpRecord) e.record()).httpUserAgent())
            .filter(java.util.Objects::nonNull)
            .toList();
    assertTrue(expected.size() >= 30, "too few requests read: " + expected.size());
    assertTrue(expected.contains("curl/7.29.0"), expected.toString());
    OutputConfig cfg =
        OutputConfig.fromYaml(
            Map.of(
                "pipes",
                List.of(
                    Map.of(
                        "field",
                        "http.user_agent",
                        "command",
                        "cat > user-agents.txt",
                        "buffer",
                        4096))),
            logDir);
    try (Outputs out = Outputs.open(logDir, cfg)) {
      for (AppEvent e : requests) {
        out.transaction(e);
      }
      out.finish(Map.of());
      assertEquals(0, out.pipes().get(0).dropped());
    }
    assertEquals(expected, Files.readAllLines(logDir.resolve("user-agents.txt")));
    assertEquals(
        requests.size(),
        Files.readAllLines(logDir.resolve("eve.json")).stream()
            .filter(l -> l.contains("\"event_type\":\"http\""))
            .count());
  }
}
