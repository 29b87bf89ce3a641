package org.vigil.bench;

import java.io.InputStream;
import java.nio.file.Files;
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
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.ScanKey;

/**
 * The candidates stage (port groups, address indexes, the joint literal scans) over the TCP and UDP
 * payloads of a capture's first bytes, with a compiled rule set ({@code -Dvigil.vrs}, default the
 * bench data's et-main.vrs) and capture ({@code -Dvigil.capture}, default bench10.pcap, a classic
 * pcap): one op is one pass over every payload. The payloads, their bytes and a checksum of every
 * payload's candidates are printed at setup, so that two builds compare in speed and candidates.
 * With {@code flow} true each payload's direction (the side of the lower port is the server's)
 * leaves out the patterns of the rules whose {@code flow:} needs the other, as a detector's scan
 * does; false scans for every rule's patterns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CaptureCandidatesBenchmark {
  /** Megabytes read from the start of the capture. */
  @Param({"36"})
  public int captureMb;

  /** Whether the scans leave out the rules the payload's flow direction cannot satisfy. */
  @Param({"false", "true"})
  public boolean flow;

  List<CandidatesCaptureMeasure.Payload> payloads;
  byte[] ruleBits;
  Ruleset ruleset;
  InspectionContext ctx;
  CandidateSet cs;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    ruleset =
        RulesetLinker.load(
            Path.of(System.getProperty("vigil.vrs", "/work/bench-data/live/et-main.vrs")));
    Path capture =
        Path.of(System.getProperty("vigil.capture", "/work/bench-data/live/bench10.pcap"));
    byte[] head;
    try (InputStream in = Files.newInputStream(capture)) {
      head = in.readNBytes(captureMb << 20);
    }
    payloads = CandidatesCaptureMeasure.read(head);
    ctx = new InspectionContext();
    ctx.setIpv4(0x0a000001, 0x0a000002);
    cs = new CandidateSet(ruleset.size());
    ruleBits = new byte[ruleset.size()];
    for (int r = 0; r < ruleBits.length; r++) {
      ruleBits[r] = ScanKey.ruleBits(ruleset.meta(r).scope());
    }
    long bytes = payloads.stream().mapToLong(p -> p.bytes().length).sum();
    long sum = 0;
    long candidates = 0;
    int index = 0;
    for (CandidatesCaptureMeasure.Payload p : payloads) {
      index++;
      scan(p);
      for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
        candidates++;
        sum = sum * 31 + r * 1_000_003L + index;
      }
    }
    System.out.printf(
        "%n%d payloads, %d bytes, %d candidates, checksum %d%n",
        payloads.size(), bytes, candidates, sum);
  }

  private void scan(CandidatesCaptureMeasure.Payload p) {
    ctx.ipProto = p.proto();
    ctx.srcPort = p.srcPort();
    ctx.dstPort = p.dstPort();
    ctx.flowFlags =
        (p.toServer() ? InspectionContext.FLOW_TO_SERVER : InspectionContext.FLOW_TO_CLIENT)
            | InspectionContext.FLOW_ESTABLISHED;
    ctx.setBuffer(Buffers.PAYLOAD, p.bytes(), 0, p.bytes().length);
    ctx.dsize = p.bytes().length;
    cs.clear();
    int pc = Ruleset.protoClass(p.proto());
    PortGroup any = ruleset.anyGroup(pc);
    PortGroup g = pc == Ruleset.OTHER ? null : ruleset.portGroup(pc, p.dstPort());
    int key = flow ? ScanKey.flowKey(ctx.flowFlags) : 0;
    if (g == null) {
      any.candidates(ctx, cs, ruleBits, key);
    } else {
      g.candidatesWith(any, ctx, cs, ruleBits, key);
    }
  }

  @Benchmark
  public int candidates() {
    int n = 0;
    for (CandidatesCaptureMeasure.Payload p : payloads) {
      scan(p);
      n += cs.next(0);
    }
    return n;
  }
}
