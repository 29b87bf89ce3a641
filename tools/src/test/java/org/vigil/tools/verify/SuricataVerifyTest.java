package org.vigil.tools.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.app.http.HttpConfig;
import org.vigil.app.http.PersonalityResolver;
import org.vigil.app.http.normalize.ServerPersonality;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.Json;
import org.vigil.thread.AlertEventMapper;

/**
 * Issue 7's harness: the visible suricata-verify tests of the corpus, each run like {@code vigil
 * run -r <pcap> -S <rules>} (the Snort rewrite of the rules where there is one), with every alert
 * check of the test evaluated on Vigil's eve.json. Prints passed/failed per test and fails when
 * fewer of the tests Suricata 7.0.10 passes pass in Vigil than the floor reached so far.
 */
class SuricataVerifyTest {
  static final Path VERIFY =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus")).resolve("verify");

  /** Share of the tests Suricata 7.0.10 passes that must pass (issue 7 asks for 0.90). */
  static final double FLOOR = 0.996;

  @TempDir Path tmp;

  record Outcome(String test, boolean suricataOk, boolean ok, String why) {}

  @Test
  void verifyTestsGiveTheAlertsTheirChecksDemand() throws IOException {
    assumeTrue(Files.isDirectory(VERIFY), "corpus not found at " + VERIFY.toAbsolutePath());
    Map<String, Object> index = Json.readObject(VERIFY.resolve("INDEX.json"));
    List<Outcome> outcomes = new ArrayList<>();
    for (Object o : (List<?>) index.get("tests")) {
      Map<?, ?> t = (Map<?, ?>) o;
      String dir = (String) t.get("dir");
      Path folder = VERIFY.resolve(dir);
      boolean rewritten = Files.exists(folder.resolve("rules.snort"));
      boolean suricataOk =
          Boolean.TRUE.equals(rewritten ? t.get("rewritten_ok") : t.get("orig_ok"));
      outcomes.add(runOne(dir, folder, rewritten, suricataOk));
    }
    int base = 0;
    int pass = 0;
    StringBuilder report = new StringBuilder();
    for (Outcome oc : outcomes) {
      if (oc.suricataOk) {
        base++;
        if (oc.ok) {
          pass++;
        }
      }
      report
          .append(oc.ok ? "PASS " : "FAIL ")
          .append(oc.test)
          .append(oc.suricataOk ? "" : " (Suricata 7 fails it too)")
          .append(oc.ok ? "" : ": " + oc.why)
          .append('\n');
    }
    double share = base == 0 ? 1.0 : (double) pass / base;
    report.append(
        String.format(
            "suricata-verify: %d/%d tests pass of those Suricata 7.0.10 passes (%.3f); %d tests in all%n",
            pass, base, share, outcomes.size()));
    System.out.println(report);
    assertTrue(share >= FLOOR, "fell below " + FLOOR + "\n" + report);
  }

  private Outcome runOne(String name, Path folder, boolean rewritten, boolean suricataOk)
      throws IOException {
    Map<String, Object> exp = Json.readObject(folder.resolve("expected.json"));
    List<String> sets = new ArrayList<>();
    for (Object a : (List<?>) exp.getOrDefault("args", List.of())) {
      String[] words = ((String) a).trim().split("\\s+");
      for (int i = 0; i < words.length; i++) {
        switch (words[i]) {
          case "-k" -> i++; // checksum validation is off by default, as with "-k none"
          case "--set" -> sets.add(words[++i]);
          default -> {
            return new Outcome(name, suricataOk, false, "unsupported argument " + a);
          }
        }
      }
    }
    Path rules = folder.resolve(rewritten ? "rules.snort" : (String) exp.get("rules"));
    Path pcap = folder.resolve((String) exp.get("pcap"));
    Path logs = Files.createDirectories(tmp.resolve(name));
    try {
      VigilConfig cfg = VigilConfig.load(null, sets);
      ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
      ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
      Compilation c = Compilation.run(front, classes, "verify");
      try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
        EngineAssembly.single(
                c.backend().link(),
                cfg,
                out,
                new AlertEventMapper(classes),
                org.vigil.app.AppLayers.defaults()
                    .with(
                        new org.vigil.app.http.HttpProtocol(
                            HttpConfig.from(cfg),
                            PersonalityResolver.fixed(ServerPersonality.IDS))))
            .run()
            .run(PacketSource.captures(pcap));
      }
      List<Map<String, Object>> events = new ArrayList<>();
      for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
        if (!line.isBlank()) {
          events.add(Json.object(line));
        }
      }
      StringBuilder why = new StringBuilder();
      for (Object ch : (List<?>) exp.get("expect")) {
        Map<?, ?> check = (Map<?, ?>) ch;
        Map<?, ?> match = (Map<?, ?>) check.get("match");
        long got = events.stream().filter(e -> matches(e, match)).count();
        Object count = check.get("count");
        Object lt = check.get("lt");
        Object gt = check.get("gt");
        boolean ok =
            (count == null || got == ((Number) count).longValue())
                && (lt == null || got < ((Number) lt).longValue())
                && (gt == null || got > ((Number) gt).longValue());
        if (!ok) {
          why.append(match)
              .append(" want ")
              .append(count != null ? count : lt != null ? "<" + lt : ">" + gt)
              .append(" got ")
              .append(got)
              .append("; ");
        }
      }
      if (!front.errors().isEmpty() && why.length() > 0) {
        why.append("rules rejected: ").append(front.errors().get(0).headline());
      }
      return new Outcome(name, suricataOk, why.isEmpty(), why.toString());
    } catch (RuntimeException e) {
      return new Outcome(name, suricataOk, false, "error: " + e);
    }
  }

  private static boolean matches(Map<String, Object> event, Map<?, ?> match) {
    for (Map.Entry<?, ?> m : match.entrySet()) {
      Object v = event;
      for (String part : ((String) m.getKey()).split("\\.")) {
        v = v instanceof Map<?, ?> mm ? mm.get(part) : null;
      }
      Object want = m.getValue();
      if (v == null
          || !(want instanceof Number w
              ? v instanceof Number n && n.longValue() == w.longValue()
              : String.valueOf(want).equals(String.valueOf(v)))) {
        return false;
      }
    }
    return true;
  }
}
