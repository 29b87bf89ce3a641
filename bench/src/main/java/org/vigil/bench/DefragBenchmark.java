package org.vigil.bench;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.defrag.DefragConfig;
import org.vigil.defrag.Defragmenter;
import org.vigil.defrag.FragPolicyResolver;

/**
 * IPv4 defragmentation with Suricata's default limits (32 MB memcap, windows policy), fragments
 * decoded beforehand. {@code reassemble}: one operation is one UDP datagram of 2-4 fragments (1,480
 * bytes each but the last, 600) added until it completes. {@code flood}: one operation is one 1 KB
 * first fragment of a datagram that never completes, from a cycle of 131,072 datagrams, so once the
 * memcap is full every fragment evicts the oldest held one (its tracker and fragment memory are
 * reused or freed); {@code floodDecodeOnly} is that operation's frame copy and decoding alone, to
 * subtract. {@code -prof gc}'s gc.alloc.rate.norm is bytes allocated per datagram or fragment.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DefragBenchmark {
  static final int FRAGMENT = 1480;
  static final int LAST = 600;
  static final int DATAGRAMS = 64;
  static final int FLOOD_BYTES = 1024;
  static final int FLOOD_CYCLE = 2 << 16;
  static final long NOW = 1_600_000_000_000_000_000L;

  /** Complete datagrams, their fragments decoded once. */
  @State(Scope.Thread)
  public static class Datagrams {
    @Param({"2", "3", "4"})
    int fragments;

    Packet[][] frags;
    Packet out = new Packet(65536);
    Decoder decoder;
    Defragmenter defrag;
    int next;

    @Setup
    public void setup() {
      PathStats stats = new PathStats();
      decoder = new Decoder(DecodeConfig.defaults(), stats);
      defrag =
          new Defragmenter(DefragConfig.defaults(), stats, FragPolicyResolver.suricataDefault());
      frags = new Packet[DATAGRAMS][fragments];
      int total = FRAGMENT * (fragments - 1) + LAST;
      for (int d = 0; d < DATAGRAMS; d++) {
        for (int i = 0; i < fragments; i++) {
          int len = i + 1 < fragments ? FRAGMENT : LAST;
          byte[] payload = new byte[len];
          for (int x = 0; x < len; x++) payload[x] = (byte) (d + i + x);
          if (i == 0) { // UDP header: ports, length of the whole datagram, no checksum
            payload[0] = 0x30;
            payload[1] = 0x39;
            payload[2] = 0x00;
            payload[3] = 0x35;
            payload[4] = (byte) (total >>> 8);
            payload[5] = (byte) total;
            payload[6] = 0;
            payload[7] = 0;
          }
          frags[d][i] =
              decoded(decoder, fragment(1, 1000 + d, i * FRAGMENT, i + 1 < fragments, payload));
        }
      }
    }
  }

  /** A stream of first fragments that never complete, under the memcap. */
  @State(Scope.Thread)
  public static class Flood {
    byte[] frame = fragment(1, 0, 0, true, new byte[FLOOD_BYTES]);
    Packet packet = new Packet(2048);
    Packet out = new Packet(65536);
    PathStats stats = new PathStats();
    Decoder decoder = new Decoder(DecodeConfig.defaults(), stats);
    Defragmenter defrag =
        new Defragmenter(DefragConfig.defaults(), stats, FragPolicyResolver.suricataDefault());
    int next;

    /** The next datagram's first fragment, copied, given its own id and source, and decoded. */
    Packet load() {
      int k = next;
      next = k + 1 == FLOOD_CYCLE ? 0 : k + 1;
      Packet p = packet;
      p.reset();
      byte[] b = p.ensureCapacity(frame.length);
      System.arraycopy(frame, 0, b, 0, frame.length);
      b[4] = (byte) (k >>> 8);
      b[5] = (byte) k;
      b[15] = (byte) (1 + (k >>> 16));
      checksum(b);
      p.setFrame(frame.length, frame.length, NOW, LinkTypes.IPV4, k + 1L, "bench");
      decoder.decode(p);
      return p;
    }

    @TearDown(Level.Trial)
    public void report() {
      System.out.printf(
          "%nheld %d datagrams, %d bytes; evicted %d, memcap hits %d%n",
          defrag.pending(), defrag.memory(), stats.fragmentsEvicted, stats.defragMemcapHits);
      defrag.clear();
    }
  }

  @Benchmark
  public int reassemble(Datagrams s) {
    Packet[] d = s.frags[s.next];
    s.next = s.next + 1 == DATAGRAMS ? 0 : s.next + 1;
    int last = d.length - 1;
    for (int i = 0; i < last; i++) {
      s.defrag.add(d[i], s.out, s.decoder);
    }
    if (!s.defrag.add(d[last], s.out, s.decoder)) {
      throw new IllegalStateException("datagram not reassembled");
    }
    return s.out.length();
  }

  @Benchmark
  public boolean flood(Flood s) {
    return s.defrag.add(s.load(), s.out, s.decoder);
  }

  @Benchmark
  public int floodDecodeOnly(Flood s) {
    return s.load().ipPayloadLength();
  }

  static Packet decoded(Decoder decoder, byte[] frame) {
    Packet p = new Packet(frame.length);
    System.arraycopy(frame, 0, p.ensureCapacity(frame.length), 0, frame.length);
    p.setFrame(frame.length, frame.length, NOW, LinkTypes.IPV4, 1, "bench");
    decoder.decode(p);
    if (!p.isFragment()) throw new IllegalStateException("not decoded as a fragment");
    return p;
  }

  /** A raw IPv4 UDP fragment from 10.0.0.src to 10.0.1.1. */
  static byte[] fragment(int src, int id, int offset, boolean more, byte[] payload) {
    byte[] b = new byte[20 + payload.length];
    int total = b.length;
    int flags = (more ? 0x2000 : 0) | (offset >>> 3);
    b[0] = 0x45;
    b[2] = (byte) (total >>> 8);
    b[3] = (byte) total;
    b[4] = (byte) (id >>> 8);
    b[5] = (byte) id;
    b[6] = (byte) (flags >>> 8);
    b[7] = (byte) flags;
    b[8] = 64;
    b[9] = 17;
    b[12] = 10;
    b[15] = (byte) src;
    b[16] = 10;
    b[18] = 1;
    b[19] = 1;
    System.arraycopy(payload, 0, b, 20, payload.length);
    checksum(b);
    return b;
  }

  static void checksum(byte[] b) {
    b[10] = 0;
    b[11] = 0;
    int sum = 0;
    for (int i = 0; i < 20; i += 2) sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    sum = ~sum & 0xffff;
    b[10] = (byte) (sum >>> 8);
    b[11] = (byte) sum;
  }
}
