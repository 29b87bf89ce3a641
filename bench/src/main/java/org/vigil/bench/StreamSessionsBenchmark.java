package org.vigil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.vigil.bench.StreamReassemblyBenchmark.Seg;
import org.vigil.stream.RawChunk;
import org.vigil.stream.StreamConfig;
import org.vigil.stream.StreamConsumer;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.TcpFlags;
import org.vigil.stream.TcpSession;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;

/**
 * Short TCP sessions one after another through one engine (IDS), as a capture's many small flows:
 * each op opens a session, sends {@code flowBytes} of server data in 1448-byte segments before the
 * client ACKs them (a download burst, so the store grows to hold it), and closes and recycles the
 * session. With {@code -prof gc}, gc.alloc.rate.norm is the bytes one session allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StreamSessionsBenchmark {
  static final int MSS = StreamReassemblyBenchmark.MSS;

  @Param({"16384", "131072"})
  int flowBytes;

  Seg[] segs;
  boolean[] fromClient;
  StreamEngine engine;
  long total;

  @Setup
  public void setup() {
    byte[] payload = new byte[flowBytes];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) ('a' + i % 26);
    }
    int isnC = 1_000_000;
    int isnS = 5_000;
    byte[] none = new byte[0];
    List<Seg> all = new ArrayList<>();
    List<Boolean> dir = new ArrayList<>();
    all.add(new Seg(isnC, 0, TcpFlags.SYN, 65535, none, 0, 0));
    dir.add(true);
    all.add(new Seg(isnS, isnC + 1, TcpFlags.SYN | TcpFlags.ACK, 65535, none, 0, 0));
    dir.add(false);
    all.add(new Seg(isnC + 1, isnS + 1, TcpFlags.ACK, 1024, none, 0, 0));
    dir.add(true);
    for (int off = 0; off < flowBytes; off += MSS) {
      int len = Math.min(MSS, flowBytes - off);
      all.add(
          new Seg(isnS + 1 + off, isnC + 1, TcpFlags.ACK | TcpFlags.PSH, 1024, payload, off, len));
      dir.add(false);
    }
    all.add(new Seg(isnC + 1, isnS + 1 + flowBytes, TcpFlags.ACK, 1024, none, 0, 0));
    dir.add(true);
    all.add(new Seg(isnC + 1, isnS + 1 + flowBytes, TcpFlags.ACK | TcpFlags.FIN, 1024, none, 0, 0));
    dir.add(true);
    segs = all.toArray(new Seg[0]);
    fromClient = new boolean[dir.size()];
    for (int i = 0; i < fromClient.length; i++) {
      fromClient[i] = dir.get(i);
    }
    engine =
        new StreamEngine(
            StreamConfig.ids().withDepth(0).withMemcap(0),
            PolicyResolver.fixed(TargetPolicies.require("bsd")));
  }

  @Benchmark
  public long session(Blackhole bh) {
    TcpSession s = engine.newSession(new byte[] {10, 0, 0, 1}, 40000, new byte[] {10, 0, 0, 2}, 80);
    total = 0;
    s.setConsumer(
        new StreamConsumer() {
          @Override
          public void onData(boolean toServer, byte[] buf, int off, int len) {
            total += len;
            bh.consume(buf[off]);
          }

          @Override
          public void onGap(boolean toServer, long length) {}

          @Override
          public void onClose(boolean toServer) {}
        });
    s.setRawInspector((RawChunk c) -> bh.consume(c.buf()[c.off() + c.len() - 1]));
    for (int i = 0; i < segs.length; i++) {
      s.process(segs[i], fromClient[i]);
    }
    s.close();
    engine.recycle(s);
    if (total != flowBytes) {
      throw new IllegalStateException("reassembled " + total + " of " + flowBytes);
    }
    return total;
  }
}
