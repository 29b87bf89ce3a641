package org.vigil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.vigil.stream.RawChunk;
import org.vigil.stream.StreamConfig;
import org.vigil.stream.StreamConsumer;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.TcpFlags;
import org.vigil.stream.TcpSegment;
import org.vigil.stream.TcpSession;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;

/**
 * TCP reassembly throughput in bytes per microsecond (= MB/s): one connection of 4 MiB sent in
 * 1448-byte segments, ACKed every second segment, with the app-layer consumer and raw inspection
 * (IDS) or the inline window attached; in order, or with 20% of the segments swapped with their
 * successor (out of order).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StreamReassemblyBenchmark {
  static final int BYTES = 4 << 20;
  static final int MSS = 1448;

  /** A prebuilt TCP segment. */
  record Seg(
      int tcpSeq,
      int tcpAck,
      int tcpFlags,
      int tcpWindow,
      byte[] data,
      int payloadOffset,
      int payloadLength)
      implements TcpSegment {
    @Override
    public boolean hasTcpTimestamp() {
      return false;
    }

    @Override
    public long tcpTsVal() {
      return 0;
    }

    @Override
    public long tcpTsEcr() {
      return 0;
    }

    @Override
    public int tcpWscale() {
      return 7;
    }

    @Override
    public int tcpMss() {
      return MSS;
    }

    @Override
    public boolean tcpSackPermitted() {
      return false;
    }

    @Override
    public long timestampNanos() {
      return 0;
    }
  }

  @Param({"0", "20"})
  int outOfOrderPercent;

  @Param({"IDS", "INLINE"})
  String mode;

  Seg[] segs;
  boolean[] fromClient;
  StreamEngine engine;

  @Setup
  public void setup() {
    Random rnd = new Random(7);
    byte[] payload = new byte[BYTES];
    rnd.nextBytes(payload);
    int isnC = 1_000_000;
    int isnS = 5_000;
    List<Seg> data = new ArrayList<>();
    for (int off = 0; off < BYTES; off += MSS) {
      int len = Math.min(MSS, BYTES - off);
      data.add(
          new Seg(isnC + 1 + off, isnS + 1, TcpFlags.ACK | TcpFlags.PSH, 1024, payload, off, len));
    }
    for (int i = 0; i + 1 < data.size(); i++) {
      if (rnd.nextInt(100) < outOfOrderPercent) {
        Seg t = data.get(i);
        data.set(i, data.get(i + 1));
        data.set(i + 1, t);
        i++;
      }
    }
    List<Seg> all = new ArrayList<>();
    List<Boolean> dir = new ArrayList<>();
    byte[] none = new byte[0];
    all.add(new Seg(isnC, 0, TcpFlags.SYN, 65535, none, 0, 0));
    dir.add(true);
    all.add(new Seg(isnS, isnC + 1, TcpFlags.SYN | TcpFlags.ACK, 65535, none, 0, 0));
    dir.add(false);
    all.add(new Seg(isnC + 1, isnS + 1, TcpFlags.ACK, 1024, none, 0, 0));
    dir.add(true);
    int highestInOrder = isnC + 1;
    boolean[] seen = new boolean[data.size() + 1];
    int next = 0;
    for (int i = 0; i < data.size(); i++) {
      Seg s = data.get(i);
      all.add(s);
      dir.add(true);
      seen[(s.tcpSeq() - isnC - 1) / MSS] = true;
      while (next < data.size() && seen[next]) {
        next++;
      }
      highestInOrder = isnC + 1 + Math.min(BYTES, next * MSS);
      if (i % 2 == 1) {
        all.add(new Seg(isnS + 1, highestInOrder, TcpFlags.ACK, 1024, none, 0, 0));
        dir.add(false);
      }
    }
    all.add(new Seg(isnS + 1, isnC + 1 + BYTES, TcpFlags.ACK, 1024, none, 0, 0));
    dir.add(false);
    segs = all.toArray(new Seg[0]);
    fromClient = new boolean[dir.size()];
    for (int i = 0; i < fromClient.length; i++) {
      fromClient[i] = dir.get(i);
    }
    StreamConfig cfg = "IDS".equals(mode) ? StreamConfig.ids() : StreamConfig.inline(port -> 255);
    cfg = cfg.withDepth(0).withMemcap(0);
    engine = new StreamEngine(cfg, PolicyResolver.fixed(TargetPolicies.require("bsd")));
  }

  @Benchmark
  @OperationsPerInvocation(BYTES)
  public long reassemble(Blackhole bh) {
    TcpSession s = engine.newSession(new byte[] {10, 0, 0, 1}, 40000, new byte[] {10, 0, 0, 2}, 80);
    long[] total = new long[1];
    s.setConsumer(
        new StreamConsumer() {
          @Override
          public void onData(boolean toServer, byte[] buf, int off, int len) {
            total[0] += len;
            bh.consume(buf[off]);
          }

          @Override
          public void onGap(boolean toServer, long length) {}

          @Override
          public void onClose(boolean toServer) {}
        });
    s.setRawInspector((RawChunk c) -> bh.consume(c.buf()[c.off() + c.len() - 1]));
    for (int i = 0; i < segs.length; i++) {
      var r = s.process(segs[i], fromClient[i]);
      if (r.hasWindow()) {
        bh.consume(r.windowBuf()[r.windowOff() + r.windowLen() - 1]);
      }
    }
    s.close();
    if (total[0] != BYTES) {
      throw new IllegalStateException("reassembled " + total[0] + " of " + BYTES);
    }
    return total[0];
  }
}
