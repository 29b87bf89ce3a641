package org.vigil.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.CaptureSource;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.engine.DecodePipeline;

/**
 * The packet path on every Zeek capture of the corpus (frames preloaded in memory, replayed in a
 * loop with a steadily advancing clock): decoding alone, and decode + defrag + tunnels + flow
 * lookup. One operation is one packet, so ops/s is packets/s and {@code -prof gc}'s
 * gc.alloc.rate.norm is bytes allocated per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PacketPathBenchmark {
  byte[][] frames;
  int[] linkTypes;
  int next;
  long clock = 1_600_000_000_000_000_000L;
  Packet packet;
  Decoder decoder;
  DecodePipeline pipeline;
  Blackhole bh;

  @Setup
  public void setup(Blackhole bh) {
    this.bh = bh;
    List<byte[]> fr = new ArrayList<>();
    List<Integer> lt = new ArrayList<>();
    PathStats loadStats = new PathStats();
    for (Path f : CorpusCaptures.zeek()) {
      try (CaptureSource src = CaptureReader.open(f, loadStats)) {
        Packet p = new Packet(65536);
        while (src.next(p)) {
          fr.add(Arrays.copyOf(p.data(), p.length()));
          lt.add(p.linkType());
          p.reset();
        }
      } catch (IOException notACapture) {
        // unreadable files
      }
    }
    frames = fr.toArray(new byte[0][]);
    linkTypes = lt.stream().mapToInt(Integer::intValue).toArray();
    PathStats stats = new PathStats();
    decoder = new Decoder(DecodeConfig.defaults(), stats);
    pipeline = CorpusCaptures.pipeline(stats, p -> bh.consume(p.flow()), true);
    packet = pipeline.acquire();
    System.out.println("\nzeek frames loaded: " + frames.length);
  }

  private Packet load() {
    int i = next;
    next = i + 1 == frames.length ? 0 : i + 1;
    byte[] f = frames[i];
    Packet p = packet;
    p.reset();
    System.arraycopy(f, 0, p.ensureCapacity(f.length), 0, f.length);
    clock += 10_000; // 10 µs per packet
    p.setFrame(f.length, f.length, clock, linkTypes[i], i + 1, "zeek");
    return p;
  }

  /** Layer decoders only. */
  @Benchmark
  public int decode() {
    Packet p = load();
    decoder.decode(p);
    return p.ipProto() + p.payloadLength();
  }

  /** Decode, defrag, tunnels and flow lookup/creation with counters and timeouts. */
  @Benchmark
  public void decodeAndFlow() {
    pipeline.process(load());
  }
}
