package org.vigil.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.artifact.CandidateSet;

/**
 * One literal scan set of a run over the buffers the run scanned with it (a dump as {@link
 * ScanSets} reads them, from {@code -Dvigil.scan-dumps}, default /tmp/a8/dump; the rule set from
 * {@code -Dvigil.vrs}, default the bench data's et-main.vrs), with the shift-or filter or the
 * bit-set loop. One op scans every buffer once (at most 8 MB of them); the bytes are printed at
 * setup. The sets are those taking most of bench10's prefilter time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class PrefilterSetBenchmark {
  @Param({"tcp any port b0"})
  public String set;

  @Param({"shift-or", "bits"})
  public String loop;

  List<byte[]> buffers;
  ScanSets.Set scanSet;
  CandidateSet cs;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    if (loop.equals("bits")) {
      System.setProperty("vigil.prefilter.bits-loop", "true");
    }
    Ruleset rs =
        RulesetLinker.load(
            Path.of(System.getProperty("vigil.vrs", "/work/bench-data/et-main.vrs")));
    String file = ScanSets.fileName(set);
    scanSet = ScanSets.sets(rs).get(file);
    Path dumps = Path.of(System.getProperty("vigil.scan-dumps", "/tmp/a8/dump"));
    buffers = ScanSets.buffers(dumps.resolve(file), 8L << 20);
    cs = new CandidateSet(rs.size());
    System.out.printf(
        "%n%s: %d patterns, %d buffers, %d bytes%n",
        set, scanSet.patterns(), buffers.size(), buffers.stream().mapToLong(b -> b.length).sum());
  }

  @Benchmark
  public int scanBuffers() {
    int n = 0;
    for (byte[] b : buffers) {
      cs.clear();
      scanSet.scan(b, b.length, cs);
      n += cs.next(0);
    }
    return n;
  }
}
