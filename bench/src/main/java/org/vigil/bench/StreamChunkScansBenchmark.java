package org.vigil.bench;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.AlertSink;
import org.vigil.detect.Detector;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.StreamHits;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

/**
 * The candidates stage of one TCP direction's detection passes as the inspector runs them, without
 * rule code (the sink evaluates no candidate): 64 KiB of the zeek HTTP captures' payloads sent in
 * 1,448-byte segments, each inspected as a packet whose payload went into the stream (the rules
 * needing the packet), and every four segments a raw stream chunk of the bytes they brought (the
 * stream rules), as Suricata's raw timing hands them out. {@code keep} true: the packets' scans are
 * kept and the chunks take them ({@link StreamHits}); false: every chunk is scanned whole. The
 * ruleset is the {@code .vrs} named by {@code -Dvigil.vrs}, else ET Open from the corpus. One op =
 * every pass of the direction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class StreamChunkScansBenchmark {
  private static final int BYTES = 64 * 1024;
  private static final int SEGMENT = 1448;
  private static final int PER_CHUNK = 4;

  @Param({"true", "false"})
  public boolean keep;

  Detector detector;
  InspectionContext ctx;
  byte[] stream;
  final StreamHits hits = new StreamHits();
  final Object store = new Object();

  /** Evaluates no candidate: the passes cost their candidates stage alone. */
  private static final AlertSink NO_RULE_CODE =
      new AlertSink() {
        @Override
        public void alert(RuleMeta rule, InspectionContext c) {}

        @Override
        public boolean evaluate(int rule) {
          return false;
        }
      };

  @Setup(Level.Trial)
  public void setup() throws Exception {
    String vrs = System.getProperty("vigil.vrs");
    Ruleset ruleset;
    if (vrs != null) {
      ruleset = RulesetLinker.load(Path.of(vrs));
    } else {
      var pr =
          FrontEnd.parse(
              List.of(HttpPayloads.corpus().resolve("rules/et-open")), Variables.defaults());
      ruleset = RulesetCompiler.compile(pr.rules(), Map.of(), "").link();
    }
    detector = new Detector(ruleset);
    detector.keepStreamHits(keep);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : HttpPayloads.load(4000)) {
      if (b.size() < BYTES) {
        b.writeBytes(p);
      }
    }
    stream = java.util.Arrays.copyOf(b.toByteArray(), BYTES);
    ctx = new InspectionContext();
    ctx.setIpv4(0x0a000002, 0x0a000001);
    ctx.ipProto = 6;
    ctx.srcPort = 80;
    ctx.dstPort = 40000;
    ctx.flowFlags = InspectionContext.FLOW_TO_CLIENT | InspectionContext.FLOW_ESTABLISHED;
  }

  /** Every packet and raw chunk pass of the direction. */
  @Benchmark
  public long directionPasses() {
    long n = 0;
    hits.clear();
    int chunkStart = 0;
    int segments = 0;
    for (int at = 0; at < BYTES; at += SEGMENT) {
      int len = Math.min(SEGMENT, BYTES - at);
      ctx.clearBuffers();
      ctx.setBuffer(Buffers.PAYLOAD, stream, at, len);
      ctx.dsize = len;
      hits.packet(at, store, 0);
      n += detector.inspect(ctx, 0, NO_RULE_CODE, RuleMeta.ON_STORED_PACKET, false, hits);
      if (++segments % PER_CHUNK == 0 || at + len == BYTES) {
        int end = at + len;
        ctx.clearBuffers();
        ctx.setBuffer(Buffers.PAYLOAD, stream, chunkStart, end - chunkStart);
        ctx.dsize = -1;
        ctx.streamChunk = true;
        hits.chunk(chunkStart, end - chunkStart, store, 0);
        n += detector.inspect(ctx, 0, NO_RULE_CODE, RuleMeta.ON_STREAM, false, hits);
        ctx.streamChunk = false;
        chunkStart = end;
      }
    }
    return n + detector.inspections();
  }
}
