package org.vigil.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.artifact.RulesetImage;

/**
 * Compiling ET Open (back end only, from parsed rules) and loading its .vrs (lazy and eager
 * linking).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class RulesetLoadBenchmark {
  ParseResult parsed;
  byte[] artifact;

  @Setup
  public void setup() throws Exception {
    parsed =
        FrontEnd.parse(
            List.of(HttpPayloads.corpus().resolve("rules/et-open")), Variables.defaults());
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    RulesetCompiler.compile(parsed.rules(), Map.of(), "").image().write(bos);
    artifact = bos.toByteArray();
  }

  @Benchmark
  public RulesetCompiler.Result compileEtOpen() {
    return RulesetCompiler.compile(parsed.rules(), Map.of(), "");
  }

  @Benchmark
  public Ruleset loadVrsLazy() throws Exception {
    return RulesetLinker.link(RulesetImage.read(new ByteArrayInputStream(artifact)), false);
  }

  @Benchmark
  public Ruleset loadVrsEager() throws Exception {
    return RulesetLinker.link(RulesetImage.read(new ByteArrayInputStream(artifact)), true);
  }
}
