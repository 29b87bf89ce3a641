package org.vigil.inspect;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * For tests: a single-mode run of a few rules over one zeek capture of the corpus, as `vigil run`
 * does it.
 */
public final class ZeekRun {
  public static final Path CORPUS =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));

  /** A rule that matches nothing: for runs whose records, not alerts, a test reads. */
  public static final String NO_MATCH =
      "alert tcp any any -> any any (msg:\"none\"; content:\"zzqqzz\"; sid:9; rev:1;)\n";

  private ZeekRun() {}

  /**
   * Compiles {@code rules} (written to {@code dir}) and runs them over {@code capture} (relative to
   * pcaps/zeek); returns the run's log folder. Skips the test when the corpus is absent.
   */
  public static Path run(Path dir, String capture, String rules) throws IOException {
    Path pcap = CORPUS.resolve("pcaps/zeek").resolve(capture);
    assumeTrue(Files.isRegularFile(pcap), "corpus not found at " + pcap);
    return runFile(dir, pcap, rules);
  }

  /**
   * As {@link #run(Path, String, String)} over any capture file (e.g. an edited copy made by a
   * test).
   */
  public static Path runFile(Path dir, Path pcap, String rules) throws IOException {
    return runFile(dir, pcap, rules, org.vigil.app.AppLayers.defaults());
  }

  /** As {@link #runFile(Path, Path, String)} with the app-layer protocols of {@code appLayers}. */
  public static Path runFile(Path dir, Path pcap, String rules, org.vigil.app.AppLayers appLayers)
      throws IOException {
    Path file = dir.resolve("test.rules");
    Files.writeString(file, rules);
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    ParseResult front = FrontEnd.parse(List.of(file), Variables.from(cfg), classes);
    Ruleset ruleset =
        Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(file))).backend().link();
    Path logs = Files.createDirectories(dir.resolve("logs-" + System.nanoTime()));
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      EngineAssembly.single(ruleset, cfg, out, new AlertEventMapper(classes), appLayers)
          .run()
          .run(PacketSource.captures(List.of(pcap)));
    }
    return logs;
  }

  /**
   * A run's eve.json anomaly records in order, one line each: event, pcap_cnt, src_port, tx_id,
   * app_proto, layer ("null" for a field the record has not).
   */
  public static List<String> anomalyLines(Path logs) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    for (String l : Files.readAllLines(logs.resolve("eve.json"))) {
      java.util.Map<String, String> r = org.vigil.testing.Json.flatten(l);
      if ("anomaly".equals(r.get("event_type"))) {
        out.add(
            String.join(
                " ",
                r.get("anomaly.event"),
                String.valueOf(r.get("pcap_cnt")),
                String.valueOf(r.get("src_port")),
                String.valueOf(r.get("tx_id")),
                String.valueOf(r.get("anomaly.app_proto")),
                String.valueOf(r.get("anomaly.layer"))));
      }
    }
    return out;
  }

  /** The {@link #anomalyLines} of a run of {@link #NO_MATCH} over {@code capture}. */
  public static List<String> anomalies(Path dir, String capture) throws IOException {
    return anomalyLines(run(dir, capture, NO_MATCH));
  }

  /** A run's eve.json alerts as "sid=pcap_cnt,...; sid=..." ({@link #alertsBySid}, sid order). */
  public static String alertSummary(Path logs) throws IOException {
    java.util.StringJoiner s = new java.util.StringJoiner("; ");
    alertsBySid(logs).forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    return s.toString();
  }

  /** Per sid of a run's eve.json alerts, their pcap_cnt in order ("-" for none). */
  public static java.util.Map<Long, List<String>> alertsBySid(Path logs) throws IOException {
    java.util.regex.Pattern sid = java.util.regex.Pattern.compile("\"signature_id\":(\\d+)");
    java.util.regex.Pattern cnt = java.util.regex.Pattern.compile("\"pcap_cnt\":(\\d+)");
    java.util.Map<Long, List<String>> got = new java.util.TreeMap<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        java.util.regex.Matcher s = sid.matcher(line);
        java.util.regex.Matcher c = cnt.matcher(line);
        s.find();
        got.computeIfAbsent(Long.parseLong(s.group(1)), k -> new java.util.ArrayList<>())
            .add(c.find() ? c.group(1) : "-");
      }
    }
    return got;
  }
}
