package org.vigil.bench;

import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.mpm.PrefilterBuilder;
import org.vigil.detect.Detector;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.Prefilter;

/**
 * Prefilter scan rate with the ET Open fast patterns over the zeek HTTP captures' TCP payloads,
 * against the naive loop (one indexOf per rule pattern), and the cost of the candidate rules'
 * generated code. One op = one pass over all payloads; MB/s = ops/s × {@code payloadBytes} (printed
 * at setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class PrefilterBenchmark {
  List<byte[]> payloads;
  byte[][] patterns;
  Prefilter all;
  CandidateSet candidates;
  Ruleset ruleset;
  Detector detector;
  InspectionContext[] contexts;
  int[][] candidateLists;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    payloads = HttpPayloads.load(4000);
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    var pr =
        FrontEnd.parse(
            List.of(HttpPayloads.corpus().resolve("rules/et-open")), Variables.defaults());
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules(), Map.of(), "");
    ruleset = res.link();
    PrefilterBuilder b = new PrefilterBuilder();
    List<byte[]> pats = new ArrayList<>();
    for (int i = 0; i < res.plans().size(); i++) {
      RulePlan.FastPatternChoice fp = res.plans().get(i).fastPattern();
      if (fp != null) {
        b.add(fp.bytes(), i, 0, Integer.MAX_VALUE);
        pats.add(fp.bytes());
      }
    }
    patterns = pats.toArray(new byte[0][]);
    all = b.build();
    candidates = new CandidateSet(res.plans().size());
    detector = new Detector(ruleset);
    contexts = new InspectionContext[payloads.size()];
    candidateLists = new int[payloads.size()][];
    long cands = 0;
    for (int i = 0; i < payloads.size(); i++) {
      InspectionContext c = new InspectionContext();
      c.setIpv4(0x0a000001, 0x0a000002);
      c.ipProto = 6;
      c.srcPort = 40000;
      c.dstPort = 80;
      c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
      c.flowbits = new FlowBits();
      c.setBuffer(Buffers.PAYLOAD, payloads.get(i), 0, payloads.get(i).length);
      c.dsize = payloads.get(i).length;
      contexts[i] = c;
      CandidateSet cs = new CandidateSet(ruleset.size());
      ruleset.candidates(c, cs);
      List<Integer> l = new ArrayList<>();
      for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
        l.add(r);
      }
      candidateLists[i] = l.stream().mapToInt(Integer::intValue).toArray();
      cands += l.size();
    }
    System.out.printf(
        "%n%d payloads, %d bytes (payloadBytes); %d fast patterns (%d states); %d candidate rules in total (port 80 groups)%n",
        payloads.size(), bytes, patterns.length, all.stateCount(), cands);
  }

  /** Aho-Corasick over all ET Open fast patterns. */
  @Benchmark
  public int prefilterAllPatterns() {
    int n = 0;
    for (byte[] p : payloads) {
      candidates.clear();
      all.scan(p, 0, p.length, candidates);
      n += candidates.next(0);
    }
    return n;
  }

  /**
   * The naive loop the prefilter replaces: one case-insensitive indexOf per pattern per payload.
   */
  @Benchmark
  public int naiveIndexOfAllPatterns() {
    int n = 0;
    for (byte[] p : payloads) {
      for (byte[] pat : patterns) {
        if (indexOfNocase(p, pat) >= 0) {
          n++;
        }
      }
    }
    return n;
  }

  /** Signature groups for tcp/80 + their prefilters (what the detector runs before rule code). */
  @Benchmark
  public int groupCandidates() {
    int n = 0;
    for (InspectionContext c : contexts) {
      candidates.clear();
      ruleset.candidates(c, candidates);
      n += candidates.next(0);
    }
    return n;
  }

  /**
   * The generated code of every candidate rule (candidate lists precomputed): cost per candidate =
   * time / candidates.
   */
  @Benchmark
  public int evaluateCandidates() {
    int n = 0;
    for (int i = 0; i < contexts.length; i++) {
      InspectionContext c = contexts[i];
      for (int r : candidateLists[i]) {
        n += ruleset.matcher(r).match(r, c);
      }
    }
    return n;
  }

  /** The whole detector per payload: groups, prefilters, rule code, thresholds. */
  @Benchmark
  public int detect() {
    int n = 0;
    for (InspectionContext c : contexts) {
      n += detector.inspect(c, 0, (m, x) -> {});
    }
    return n;
  }

  static int indexOfNocase(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0, last = hay.length - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        int a = hay[i + j];
        int b = needle[j];
        if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z')) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
