package org.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.engine.Run;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * Detection measurement on real traffic (not a JMH benchmark: one whole run): compiles a rule set,
 * runs the single run mode over a capture folder a few times, and prints the compile time, the
 * candidate rules evaluated per inspection, the run time and the groups' always-candidate counts.
 * The alerts of the last run are written sorted to {@code <out>/alerts.txt} so two builds can be
 * compared line by line. Usage: {@code java -cp
 * bench/target/benchmarks.jar:rules/src/main/resources <the --add-exports/--add-opens of the jar's
 * manifest, for Chronicle Queue> org.vigil.bench.DetectMeasure [rules] [captures] [out] [runs]};
 * {@code -Dmeasure.top=1} also lists the most evaluated rules.
 */
public final class DetectMeasure {
  private DetectMeasure() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path corpus = HttpPayloads.corpus();
    Path rules = args.length > 0 ? Path.of(args[0]) : corpus.resolve("rules/et-open");
    Path captures = args.length > 1 ? Path.of(args[1]) : corpus.resolve("pcaps/zeek/http");
    Path out = args.length > 2 ? Path.of(args[2]) : Path.of("measure-out");
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Files.createDirectories(out);
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    long t0 = System.nanoTime();
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
    long t1 = System.nanoTime();
    Compilation comp = Compilation.run(front, classes, "");
    long t2 = System.nanoTime();
    Ruleset linked = comp.backend().link();
    long[] calls = new long[linked.size()];
    long[] hits = new long[linked.size()];
    Ruleset ruleset =
        System.getProperty("measure.top") == null ? linked : counting(linked, calls, hits);
    System.out.printf(
        "rules compiled: %d; front end %.2f s, back end %.2f s%n",
        ruleset.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    describeGroups(ruleset, comp.backend().plans());
    List<Path> files;
    try (Stream<Path> s = Files.list(captures)) {
      files =
          s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
              .sorted()
              .toList();
    }
    for (int run = 0; run < runs; run++) {
      Path dir = out.resolve("run" + run);
      Files.createDirectories(dir);
      long s = System.nanoTime();
      Map<String, Object> counters;
      Run cr;
      try (Outputs o = Outputs.open(dir, OutputConfig.DEFAULT)) {
        cr =
            EngineAssembly.single(
                    ruleset,
                    cfg,
                    o,
                    new AlertEventMapper(classes),
                    org.vigil.app.AppLayers.defaults())
                .run();
        counters = cr.run(PacketSource.captures(files));
      }
      long e = System.nanoTime();
      @SuppressWarnings("unchecked")
      Map<String, Object> d = (Map<String, Object>) counters.get("detect");
      long insp = ((Number) d.get("inspections")).longValue();
      long cand = ((Number) d.get("candidates")).longValue();
      System.out.printf(
          "run %d: %.3f s, %d packets, %d inspections, %d candidates (%.1f per inspection), %d matches, %d alerts, %d engine errors%n",
          run,
          (e - s) / 1e9,
          cr.packets(),
          insp,
          cand,
          cand / (double) Math.max(1, insp),
          d.get("matches"),
          cr.alerts(),
          cr.engineErrors());
      if (run == runs - 1) {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("eve.json"))) {
          if (l.contains("\"event_type\":\"alert\"")) {
            lines.add(
                l.replaceAll("\"timestamp\":\"[^\"]*\",", "")
                    .replaceAll("\"flow_id\":[0-9]+,", ""));
          }
        }
        lines.sort(null);
        Files.write(out.resolve("alerts.txt"), lines);
        if (ruleset != linked) {
          printTop(linked, comp.backend().image().fastPatterns, calls, hits, runs);
        }
        System.out.println(
            "alerts written to " + out.resolve("alerts.txt") + " (" + lines.size() + ")");
      }
    }
  }

  /** The same ruleset with every matcher counting its calls and matches. */
  private static Ruleset counting(Ruleset rs, long[] calls, long[] hits) {
    return rs.withMatchers(
        (i, inner) ->
            (r, ctx) -> {
              calls[r]++;
              int res = inner.match(r, ctx);
              if (res != 0) {
                hits[r]++;
              }
              return res;
            });
  }

  private static void printTop(Ruleset rs, String[] fps, long[] calls, long[] hits, int runs) {
    Integer[] order = new Integer[calls.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(calls[b], calls[a]));
    System.out.println(
        "most evaluated rules (calls, matches over all runs; sid; fast pattern; msg):");
    for (int k = 0; k < 40 && calls[order[k]] > 0; k++) {
      int r = order[k];
      String fp = fps[r].length() > 40 ? fps[r].substring(0, 40) : fps[r];
      System.out.printf(
          "  %8d %6d  %8d  %-40s %s%n", calls[r], hits[r], rs.meta(r).sid(), fp, rs.meta(r).msg());
    }
  }

  private static void describeGroups(Ruleset rs, List<RulePlan> plans) {
    long scanBytes = 0;
    int prefilters = 0;
    for (int pc = 0; pc < 3; pc++) {
      List<PortGroup> gs = new ArrayList<>(List.of(rs.portGroups(pc)));
      gs.add(rs.anyGroup(pc));
      for (PortGroup g : gs) {
        for (int b = 0; b < org.vigil.detect.api.Buffers.COUNT; b++) {
          if (g != null && g.prefilter(b) != null) {
            scanBytes += g.prefilter(b).scanTableBytes();
            prefilters++;
          }
        }
      }
    }
    System.out.printf(
        "prefilter scan tables: %d prefilters, %.1f MB%n", prefilters, scanBytes / 1e6);
    for (int pc = 0; pc < 3; pc++) {
      describe(rs.anyGroup(pc), plans);
      for (PortGroup g : rs.portGroups(pc)) {
        describe(g, plans);
      }
    }
  }

  private static void describe(PortGroup g, List<RulePlan> plans) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (int r : g.always()) {
      kinds.merge(kind(plans.get(r)), 1, Integer::sum);
    }
    System.out.printf(
        "group %-28s rules %5d always %5d by-src %5d by-dst %5d by-port %5d %s%n",
        g.name(),
        g.ruleCount(),
        g.always().length,
        g.bySource().rules().length,
        g.byDestination().rules().length,
        g.byDestinationPort().rules().length,
        kinds.isEmpty() ? "" : kinds.toString());
  }

  private static String kind(RulePlan p) {
    StringBuilder sb = new StringBuilder();
    if (p.chains().isEmpty()) {
      sb.append("no-payload");
    } else {
      for (RulePlan.Chain c : p.chains()) {
        sb.append(org.vigil.detect.api.Buffers.name(c.bufferId())).append(':');
        c.ops().stream().map(o -> o.keyword()).distinct().forEach(k -> sb.append(k).append(','));
      }
    }
    if (!p.flowbitChecks().isEmpty()) {
      sb.append("+flowbits");
    }
    return sb.toString();
  }
}
