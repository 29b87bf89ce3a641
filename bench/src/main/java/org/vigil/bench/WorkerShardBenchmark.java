package org.vigil.bench;

import java.nio.file.Path;
import java.util.ArrayDeque;
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
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.engine.DecodePipeline;
import org.vigil.thread.queue.PacketQueue;
import org.vigil.thread.queue.Router;

/**
 * The per-packet cost of getting packets to two workers, before the flow table, over every Zeek
 * capture of the corpus, or the one capture {@code -Dvigil.capture} names (one operation reads them
 * all; the auxiliary counter "packets" gives packets/s). {@code readerHandOff}: the reader path of
 * the {@code autofp} mode (and of {@code workers} before each worker read the captures itself):
 * decode and defrag, flow hash, copy into a packet of the destination's pool, enqueue; the worker's
 * dequeue and return to the pool are counted too (in the run they are on the worker's thread).
 * {@code workerFilter}: what one worker of the {@code workers} mode does for every frame: decode
 * and defrag, flow hash, and only its own share goes on. With two workers each does the latter for
 * every packet, so two of its costs compare with one of the former.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorkerShardBenchmark {
  private static final int SMALL = 256;
  private static final int LARGE = 2048;

  List<Path> files;
  PathStats readerStats;
  PathStats workerStats;
  DecodePipeline reader;
  DecodePipeline worker;
  Router.FlowHash router = new Router.FlowHash(2);
  PacketQueue[] queues = {PacketQueue.spsc("W#1.in", 4096), PacketQueue.spsc("W#2.in", 4096)};
  ArrayDeque<Packet> small = new ArrayDeque<>();
  ArrayDeque<Packet> large = new ArrayDeque<>();
  Blackhole bh;
  long sequence;

  @Setup
  public void setup(Blackhole bh) {
    this.bh = bh;
    files = CorpusCaptures.chosen();
    readerStats = new PathStats();
    workerStats = new PathStats();
    reader = CorpusCaptures.pipeline(readerStats, this::handOff, false);
    worker = CorpusCaptures.pipeline(workerStats, this::filter, false);
  }

  /** The reader's route: hash, copy into a pool packet, enqueue; then the worker's side. */
  private void handOff(Packet p) {
    int w = router.route(p);
    boolean isSmall = p.length() <= SMALL;
    Packet copy = isSmall ? small.poll() : large.poll();
    if (copy == null) {
      copy = new Packet(isSmall ? SMALL : LARGE);
    }
    copy.copyFrom(p);
    copy.setSequence(++sequence);
    queues[w].put(copy, () -> true);
    Packet taken = (Packet) queues[w].poll();
    bh.consume(taken.sequence());
    taken.reset();
    if (taken.data().length <= SMALL) {
      small.push(taken);
    } else {
      taken.trimTo(LARGE);
      large.push(taken);
    }
  }

  /** One worker's filter: hash, and only its own share goes on. */
  private void filter(Packet p) {
    ++sequence;
    if (router.route(p) == 0) {
      p.setSequence(sequence);
      bh.consume(p);
    }
  }

  /** The reader path over every capture. */
  @Benchmark
  public void readerHandOff(PacketCounters c) {
    long before = readerStats.packets;
    for (Path f : files) {
      reader.runCapture(f);
    }
    c.packets += readerStats.packets - before;
  }

  /** One worker's read of every capture (every frame decoded, its share kept). */
  @Benchmark
  public void workerFilter(PacketCounters c) {
    long before = workerStats.packets;
    for (Path f : files) {
      worker.runCapture(f);
    }
    c.packets += workerStats.packets - before;
  }
}
