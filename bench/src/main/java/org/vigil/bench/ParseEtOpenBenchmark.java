package org.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;

/**
 * The rule front end over all of ET Open (47 files, 20,196 rules): read, lex, parse, build the IR
 * and run the load checks. Run with {@code -bm ss -f 5} for the cold (first parse in a fresh JVM)
 * figure. The corpus folder comes from {@code -Dvigil.corpus=...} (default {@code
 * ../shared/corpus}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseEtOpenBenchmark {
  private List<Path> sources;
  private List<Path> files;
  private List<String> texts;
  private Variables vars;

  @Setup
  public void setup() throws IOException {
    Path dir = HttpPayloads.corpus().resolve("rules/et-open");
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "ET Open rules not found at " + dir.toAbsolutePath() + " (set -Dvigil.corpus)");
    }
    sources = List.of(dir);
    vars = Variables.defaults();
    files = FrontEnd.expand(sources);
    texts = new java.util.ArrayList<>();
    for (Path f : files) {
      texts.add(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * The same work on one thread from text already in memory: the CPU cost of the front end alone.
   */
  @Benchmark
  public int parseEtOpenOneThreadInMemory() {
    int loaded = 0;
    for (int i = 0; i < files.size(); i++) {
      loaded += FrontEnd.parseText(files.get(i).toString(), texts.get(i), vars).rules().size();
    }
    if (loaded < 20000) {
      throw new IllegalStateException("only " + loaded + " rules loaded");
    }
    return loaded;
  }

  @Benchmark
  public ParseResult parseEtOpen() throws IOException {
    ParseResult r = FrontEnd.parse(sources, vars);
    if (r.rules().size() < 20000) {
      throw new IllegalStateException("only " + r.rules().size() + " rules loaded");
    }
    return r;
  }
}
