package org.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.engine.Run;
import org.vigil.engine.ThreadLayout;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * A whole run over every Zeek capture of the corpus with ET Open (decode, defrag, flows, streams,
 * HTTP, detection, EVE, fast.log and the Chronicle alert log written to a temporary folder), in the
 * single run mode and in workers with 2 threads; one operation is one run. Warm-up runs leave the
 * JIT's work behind, so the ratio of the two scores is the run modes' steady-state speedup. {@code
 * -Dvigil.vrs=<x.vrs>} takes a compiled ET Open instead of compiling it in the set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 6)
@Fork(
    value = 1,
    jvmArgsAppend = { // as bin/vigil runs
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "-XX:+UseParallelGC"
    })
public class RunModeBenchmark {
  /** single, or workers with two threads. */
  @Param({"single", "workers"})
  public String mode;

  Ruleset ruleset;
  VigilConfig config;
  ClassificationConfig classes;
  List<Path> captures;
  Path logs;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    Path corpus = HttpPayloads.corpus();
    Path zeek = corpus.resolve("pcaps/zeek");
    if (!Files.isDirectory(zeek)) {
      throw new IllegalStateException(
          "corpus not found at " + zeek.toAbsolutePath() + " (set -Dvigil.corpus=...)");
    }
    config = VigilConfig.load(null, List.of());
    classes = ClassificationConfig.load(config.classificationFile());
    String vrs = System.getProperty("vigil.vrs");
    if (vrs != null) {
      ruleset = RulesetLinker.load(Path.of(vrs));
    } else {
      Path rules = corpus.resolve("rules/et-open");
      ruleset =
          Compilation.run(
                  FrontEnd.parse(List.of(rules), Variables.from(config), classes), classes, "")
              .backend()
              .link();
    }
    try (Stream<Path> s =
        Files.walk(zeek)) { // every capture of the tree, as `vigil run -r` over them flattened
      captures = s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Setup(Level.Invocation)
  public void logFolder() throws IOException {
    logs = Files.createTempDirectory("vigil-runmode");
  }

  @TearDown(Level.Invocation)
  public void removeLogs() throws IOException {
    try (Stream<Path> s = Files.walk(logs)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One run over the capture set; returns the alerts raised (the same in both modes). */
  @Benchmark
  public long run() throws IOException {
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      var app = org.vigil.app.AppLayers.defaults();
      Run run =
          new EngineAssembly(
                  ruleset,
                  config,
                  out,
                  new AlertEventMapper(classes),
                  app,
                  ThreadLayout.from(config, mode, mode.equals("single") ? null : 2),
                  getClass().getClassLoader())
              .run();
      run.run(PacketSource.captures(captures));
      return run.alerts();
    }
  }
}
