package org.vigil.bench;

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
import org.openjdk.jmh.infra.Blackhole;
import org.vigil.decode.PathStats;
import org.vigil.engine.DecodePipeline;

/**
 * The whole packet path from disk: every Zeek capture of the corpus memory-mapped, read, decoded,
 * defragmented and flow-tracked, one operation per file. The auxiliary counter "packets" gives
 * packets/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CaptureReadBenchmark {
  List<Path> files;
  int next;
  PathStats stats;
  DecodePipeline pipeline;

  @Setup
  public void setup(Blackhole bh) {
    files = CorpusCaptures.zeek();
    stats = new PathStats();
    pipeline = CorpusCaptures.pipeline(stats, p -> bh.consume(p.flow()), true);
  }

  /** Reads the next capture file to its end. */
  @Benchmark
  public void readDecodeFlow(PacketCounters c) {
    Path f = files.get(next);
    next = next + 1 == files.size() ? 0 : next + 1;
    long before = stats.packets;
    pipeline.runCapture(f);
    c.packets += stats.packets - before;
  }
}
