package org.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.vigil.decode.PathStats;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.flow.FlowEndListener;

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
  /** Packets read, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long packets;

    @Setup(Level.Iteration)
    public void clear() {
      packets = 0;
    }
  }

  List<Path> files;
  int next;
  PathStats stats;
  DecodePipeline pipeline;

  @Setup
  public void setup(Blackhole bh) {
    Path zeek = Path.of(System.getProperty("vigil.corpus", "../shared/corpus"), "pcaps", "zeek");
    try (Stream<Path> s = Files.walk(zeek)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals("COPYING"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("corpus not found at " + zeek.toAbsolutePath(), e);
    }
    stats = new PathStats();
    pipeline =
        new DecodePipeline(
            PathConfig.defaults(),
            FragPolicyResolver.suricataDefault(),
            stats,
            p -> bh.consume(p.flow()),
            FlowEndListener.NONE);
  }

  /** Reads the next capture file to its end. */
  @Benchmark
  public void readDecodeFlow(Counters c) {
    Path f = files.get(next);
    next = next + 1 == files.size() ? 0 : next + 1;
    long before = stats.packets;
    pipeline.runCapture(f);
    c.packets += stats.packets - before;
  }
}
