package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * The warm-up a live run makes before its sockets open leaves nothing behind that the run would
 * see: run over the same capture after it, the engine raises the alerts of an engine that was not
 * warmed up (a {@code threshold: limit} rule still alerts, the warm-up's alerts are not written),
 * and a ruleset with datasets is not warmed up at all (its sets stay empty); the built-in traffic
 * reaches every app layer's rules.
 */
class WarmUpTest {
  private static final Path GET = WorkerPoolRunTest.CORPUS.resolve("pcaps/zeek/http/methods.pcap");
  private static final String RULES =
      """
      alert http any any -> any any (msg:"get"; http.method; content:"GET"; sid:1;)
      alert tcp any any -> any any (msg:"once"; content:"HTTP/1."; threshold: type limit, track by_src, count 1, seconds 3600; sid:2;)
      """;

  @TempDir Path dir;

  private Ruleset rules(String text) throws IOException {
    Path file = Files.createTempFile(dir, "warm", ".rules");
    Files.writeString(file, text);
    ClassificationConfig none = ClassificationConfig.parse("none", new StringReader(""));
    ParseResult front =
        FrontEnd.parse(List.of(file), Variables.from(VigilConfig.load(null, List.of())), none);
    Compilation c = Compilation.run(front, none, "warm");
    assertEquals(List.of(), c.combined().errors());
    return c.backend().link();
  }

  /**
   * The alert lines of eve.json of a single run of {@code text} (compiled for this run alone) over
   * GET, warmed up on GET first or not.
   */
  private List<String> run(String text, boolean warm, List<String> notices) throws IOException {
    return run(
        text, warm ? new WarmUpSample.Captures(List.of(GET)) : new WarmUpSample.None(), notices);
  }

  /** As {@link #run(String, boolean, List)}, warmed up on {@code sample}. */
  private List<String> run(String text, WarmUpSample sample, List<String> notices)
      throws IOException {
    Ruleset rules = rules(text);
    boolean warm = !(sample instanceof WarmUpSample.None);
    Path logs = Files.createTempDirectory(dir, warm ? "warm" : "cold");
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig none = ClassificationConfig.parse("none", new StringReader(""));
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      EngineAssembly engine =
          EngineAssembly.single(
              rules, cfg, out, new AlertEventMapper(none), org.vigil.app.AppLayers.defaults());
      if (warm) {
        long n = WarmUp.run(engine, sample, () -> false, notices::add);
        assertTrue(n == 0 || n > 100, "the whole sample or nothing: " + n);
      }
      engine.run().run(PacketSource.captures(GET));
    }
    List<String> alerts = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        alerts.add(line.replaceAll("\"timestamp\":\"[^\"]*\",", ""));
      }
    }
    return alerts;
  }

  /**
   * The warm-up's throwaway detect thread leaves the ruleset switch when it ends: a rule reload of
   * the live run is in place once the run's own threads swapped, not waiting for the warm-up's.
   */
  @Test
  void aRuleReloadAfterTheWarmUpWaitsForNoWarmUpThread() throws IOException {
    Ruleset rules = rules(RULES);
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig none = ClassificationConfig.parse("none", new StringReader(""));
    List<String> said = new ArrayList<>();
    try (Outputs out =
        Outputs.open(Files.createTempDirectory(dir, "reload"), OutputConfig.DEFAULT)) {
      EngineAssembly engine =
          EngineAssembly.single(
              rules, cfg, out, new AlertEventMapper(none), org.vigil.app.AppLayers.defaults());
      engine.rules().onNotice(said::add);
      WarmUp.run(engine, new WarmUpSample.BuiltIn(50), () -> false, n -> {});
      engine.rules().publish(rules(RULES));
    }
    assertEquals(1, said.size(), said.toString());
    assertTrue(said.get(0).startsWith("rule reload 1: "), said.toString());
  }

  @Test
  void aWarmedUpRunAlertsAsAColdOne() throws IOException {
    assumeTrue(Files.isRegularFile(GET), "corpus capture missing: " + GET);
    List<String> notices = new ArrayList<>();
    List<String> cold = run(RULES, false, notices);
    List<String> warm = run(RULES, true, notices);
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).startsWith("warmed up on "), notices.toString());
    // the limit alerts once per source; a warm-up sharing the run's thresholds would use it up
    assertTrue(cold.stream().anyMatch(a -> a.contains("\"signature_id\":2,")), "" + cold);
    assertTrue(cold.stream().anyMatch(a -> a.contains("\"signature_id\":1,")), "" + cold);
    assertEquals(cold, warm, "the same alerts, none of the warm-up's");
  }

  @Test
  void aSampleThatIsNoCaptureIsNamedNotSkippedSilently() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.pcap"), "not a capture");
    Path empty = Files.createFile(dir.resolve("empty.pcap"));
    Ruleset rules = rules(RULES);
    List<String> notices = new ArrayList<>();
    try (Outputs out = Outputs.open(Files.createTempDirectory(dir, "bad"), OutputConfig.DEFAULT)) {
      ClassificationConfig none = ClassificationConfig.parse("none", new StringReader(""));
      EngineAssembly engine =
          EngineAssembly.single(
              rules,
              VigilConfig.load(null, List.of()),
              out,
              new AlertEventMapper(none),
              org.vigil.app.AppLayers.defaults());
      assertEquals(0, WarmUp.run(engine, List.of(text, empty), () -> false, notices::add));
    }
    assertEquals(3, notices.size(), notices.toString());
    assertTrue(
        notices.get(0).startsWith("warm-up sample ") && notices.get(0).contains("notes.pcap"));
    assertTrue(
        notices.get(1).startsWith("warm-up sample ") && notices.get(1).contains("empty.pcap"));
    assertTrue(
        notices
            .get(2)
            .startsWith("warmed up on 0 packets of 2 captures (2 not readable as captures)"),
        notices.toString());
  }

  /**
   * The built-in traffic is what the app layers parse, so its warm-up reaches their code and the
   * matchers of their buffers: each protocol's rule matches in the throwaway chain.
   */
  @Test
  void theBuiltInTrafficReachesEveryAppLayer() throws IOException {
    Ruleset rules =
        rules(
            """
            alert http any any -> any any (msg:"m"; http.method; content:"GET"; sid:1;)
            alert http any any -> any any (msg:"ua"; http.user_agent; content:"curl/"; sid:2;)
            alert http any any -> any any (msg:"body"; file.data; content:"cannot be run in DOS"; sid:3;)
            alert tls any any -> any any (msg:"sni"; tls.sni; content:"example"; sid:4;)
            alert dns any any -> any any (msg:"q"; dns.query; content:"example"; sid:5;)
            alert ssh any any -> any any (msg:"ssh"; ssh.software; content:"OpenSSH"; sid:6;)
            alert smtp any any -> any any (msg:"smtp"; flow:to_server; content:"MAIL FROM"; sid:7;)
            alert ftp any any -> any any (msg:"ftp"; flow:to_server; content:"USER anonymous"; sid:8;)
            alert http any any -> any any (msg:"200"; http.stat_code; content:"200"; sid:9;)
            """);
    java.util.Set<Long> sids = new java.util.TreeSet<>();
    List<String> notices = new ArrayList<>();
    long packets;
    try (Outputs out = Outputs.open(Files.createTempDirectory(dir, "b"), OutputConfig.DEFAULT)) {
      ClassificationConfig none = ClassificationConfig.parse("none", new StringReader(""));
      EngineAssembly engine =
          EngineAssembly.single(
              rules,
              VigilConfig.load(null, List.of()),
              out,
              new AlertEventMapper(none),
              org.vigil.app.AppLayers.defaults());
      packets =
          WarmUp.run(
              engine,
              new WarmUpSample.BuiltIn(200),
              () -> false,
              notices::add,
              new org.vigil.thread.module.EventSink() {
                @Override
                public void alert(org.vigil.output.AlertEvent e) {
                  sids.add(e.signatureId());
                }

                @Override
                public void transaction(org.vigil.output.AppEvent e) {}

                @Override
                public void flow(org.vigil.output.FlowEvent e) {}

                @Override
                public void drop(org.vigil.output.DropEvent e) {}

                @Override
                public void packet(org.vigil.output.PcapFrame f) {}
              });
    }
    assertEquals(java.util.Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), sids, notices.toString());
    assertTrue(packets > 1000, "packets: " + packets);
    assertTrue(
        notices.get(0).startsWith("warmed up on " + packets + " packets of built-in traffic"),
        notices.toString());
  }

  @Test
  void aRunAfterTheBuiltInWarmUpAlertsAsAColdOne() throws IOException {
    assumeTrue(Files.isRegularFile(GET), "corpus capture missing: " + GET);
    List<String> notices = new ArrayList<>();
    List<String> cold = run(RULES, new WarmUpSample.None(), notices);
    List<String> warm = run(RULES, new WarmUpSample.BuiltIn(300), notices);
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(cold.stream().anyMatch(a -> a.contains("\"signature_id\":2,")), "" + cold);
    assertEquals(cold, warm, "the same alerts, none of the warm-up's");
  }

  @Test
  void aRulesetWithDatasetsIsNotWarmedUp() throws IOException {
    assumeTrue(Files.isRegularFile(GET), "corpus capture missing: " + GET);
    // set matches when it adds a value: a warm-up that filled the set would silence the run's
    // alerts
    String text =
        RULES
            + "alert http any any -> any any (msg:\"new method\"; http.method;"
            + " dataset:set,methods,type string; sid:3;)\n";
    List<String> notices = new ArrayList<>();
    List<String> cold = run(text, false, notices);
    List<String> warm = run(text, true, notices);
    assertEquals(
        List.of("no warm-up: the ruleset's datasets would keep the sample's values"), notices);
    assertTrue(cold.stream().anyMatch(a -> a.contains("\"signature_id\":3,")), "" + cold);
    assertEquals(cold, warm);
  }
}
