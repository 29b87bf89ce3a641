package org.vigil.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.FlowClaims;
import org.vigil.thread.queue.Router;

/**
 * What a worker of the {@code workers} mode over capture files does for every frame before its
 * modules, over every Zeek capture of the corpus (or the one {@code -Dvigil.capture} names; one
 * operation reads them all, the auxiliary counter "packets" gives frames/s): decode and defrag, the
 * flow hash salted per capture, and the ownership test. {@code decodeOnly}: no test, the floor.
 * {@code staticHash}: the flow hash modulo two workers decides. {@code claims}: the owner of the
 * hash's bucket in a {@link FlowClaims} table shared by the run decides, and an unclaimed bucket is
 * claimed (the table lives for the trial, as for a run, so after the first operation every bucket
 * met is claimed and looked up). The {@code *Two} cases run two threads, each its own worker
 * reading every capture; with claims they share one table. The {@code *TestOnly} cases run the
 * ownership test alone over the frames decoded once beforehand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClaimsFilterBenchmark {
  /** One worker: its pipeline, its flow hash and its index in the run. */
  @State(Scope.Thread)
  public static class Worker {
    PathStats stats;
    DecodePipeline pipeline;
    Router.FlowHash hash = new Router.FlowHash(2);
    FlowClaims claims;
    int index;
    Ownership ownership;
    Blackhole bh;
    long sequence;

    @Setup
    public void setup(ClaimsFilterBenchmark run, Blackhole bh) {
      this.bh = bh;
      this.claims = run.claims;
      this.index = run.nextIndex.getAndIncrement() % 2;
      this.stats = new PathStats();
      this.pipeline = CorpusCaptures.pipeline(stats, this::accept, false);
    }

    private void accept(Packet p) {
      long seq = ++sequence;
      if (owner(p) == index) {
        p.setSequence(seq);
        bh.consume(p);
      }
    }

    private int owner(Packet p) {
      return switch (ownership) {
        case NONE -> index;
        case STATIC -> hash.route(p);
        case CLAIMS -> {
          int h = hash.hash(p);
          int o = claims.owner(h);
          yield o >= 0 ? o : claims.claim(h, index);
        }
      };
    }

    /** The ownership test alone over frames decoded beforehand; returns the frames kept. */
    long test(Decoded d, Ownership how) {
      ownership = how;
      long kept = 0;
      int capture = -1;
      for (int i = 0; i < d.frames.length; i++) {
        if (d.captures[i] != capture) {
          capture = d.captures[i];
          hash.capture(capture);
        }
        if (owner(d.frames[i]) == index) {
          kept++;
        }
      }
      return kept;
    }

    long read(List<Path> files, Ownership how) {
      ownership = how;
      long before = stats.packets;
      for (int i = 0; i < files.size(); i++) {
        hash.capture(i);
        pipeline.runCapture(files.get(i));
      }
      return stats.packets - before;
    }
  }

  /** How a worker decides which frames it runs. */
  enum Ownership {
    /** Every frame (the floor: read and decode only). */
    NONE,
    /** The flow hash modulo two workers. */
    STATIC,
    /** The owner of the hash's bucket in the shared table. */
    CLAIMS
  }

  /** Every frame of the captures decoded once, with the number of its capture. */
  @State(Scope.Benchmark)
  public static class Decoded {
    Packet[] frames;
    int[] captures;

    @Setup
    public void setup(ClaimsFilterBenchmark run) {
      List<Packet> out = new ArrayList<>();
      List<Integer> from = new ArrayList<>();
      int[] current = {0};
      DecodePipeline d =
          CorpusCaptures.pipeline(
              new PathStats(),
              p -> {
                Packet copy = new Packet(p.length());
                copy.copyFrom(p);
                out.add(copy);
                from.add(current[0]);
              },
              false);
      for (int i = 0; i < run.files.size(); i++) {
        current[0] = i;
        d.runCapture(run.files.get(i));
      }
      frames = out.toArray(Packet[]::new);
      captures = from.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  List<Path> files;
  FlowClaims claims;
  final AtomicInteger nextIndex = new AtomicInteger();

  @Setup
  public void setup() {
    files = CorpusCaptures.chosen();
    claims = new FlowClaims();
  }

  /** One worker keeping every frame: the read and decode the ownership tests add to. */
  @Benchmark
  public void decodeOnly(Worker w, PacketCounters c) {
    c.packets += w.read(files, Ownership.NONE);
  }

  /** One worker, ownership by the static flow hash. */
  @Benchmark
  public void staticHash(Worker w, PacketCounters c) {
    c.packets += w.read(files, Ownership.STATIC);
  }

  /** One worker, ownership by the shared claims table. */
  @Benchmark
  public void claims(Worker w, PacketCounters c) {
    c.packets += w.read(files, Ownership.CLAIMS);
  }

  /** The static flow hash's test alone over decoded frames ("packets": frames tested). */
  @Benchmark
  public long staticTestOnly(Worker w, Decoded d, PacketCounters c) {
    c.packets += d.frames.length;
    return w.test(d, Ownership.STATIC);
  }

  /** The claims table's test alone over decoded frames ("packets": frames tested). */
  @Benchmark
  public long claimsTestOnly(Worker w, Decoded d, PacketCounters c) {
    c.packets += d.frames.length;
    return w.test(d, Ownership.CLAIMS);
  }

  /** Two workers at once, ownership by the static flow hash. */
  @Benchmark
  @Threads(2)
  public void staticHashTwo(Worker w, PacketCounters c) {
    c.packets += w.read(files, Ownership.STATIC);
  }

  /** Two workers at once sharing one claims table. */
  @Benchmark
  @Threads(2)
  public void claimsTwo(Worker w, PacketCounters c) {
    c.packets += w.read(files, Ownership.CLAIMS);
  }
}
