package org.vigil.bench;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.artifact.ScanKey;

/**
 * The prefilter stage as the detector runs it on real payloads: the candidates of the zeek HTTP
 * captures' TCP payloads through the ruleset's groups (tcp any-port group and the port 80 group,
 * every prefilter over the payload), for a packet inspected with all its rules and for a packet
 * whose payload went into the stream (only the rules needing the packet evaluated). The ruleset is
 * the {@code .vrs} named by {@code -Dvigil.vrs}, else ET Open from the corpus compiled at setup.
 * One op = one pass over all payloads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CandidatesBenchmark {
  Ruleset ruleset;
  InspectionContext[] contexts;
  CandidateSet candidates;
  byte[] scopes;
  PortGroup any;
  PortGroup http;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    String vrs = System.getProperty("vigil.vrs");
    if (vrs != null) {
      ruleset = RulesetLinker.load(Path.of(vrs));
    } else {
      var pr =
          FrontEnd.parse(
              List.of(HttpPayloads.corpus().resolve("rules/et-open")), Variables.defaults());
      ruleset = RulesetCompiler.compile(pr.rules(), Map.of(), "").link();
    }
    List<byte[]> payloads = HttpPayloads.load(4000);
    contexts = new InspectionContext[payloads.size()];
    long bytes = 0;
    for (int i = 0; i < contexts.length; i++) {
      byte[] p = payloads.get(i);
      InspectionContext c = new InspectionContext();
      c.setIpv4(0x0a000001, 0x0a000002);
      c.ipProto = 6;
      c.srcPort = 40000;
      c.dstPort = 80;
      c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
      c.setBuffer(Buffers.PAYLOAD, p, 0, p.length);
      c.dsize = p.length;
      contexts[i] = c;
      bytes += p.length;
    }
    candidates = new CandidateSet(ruleset.size());
    scopes = new byte[ruleset.size()];
    for (int r = 0; r < scopes.length; r++) {
      scopes[r] = ScanKey.ruleBits(ruleset.meta(r).scope());
    }
    any = ruleset.anyGroup(Ruleset.TCP);
    http = ruleset.portGroup(Ruleset.TCP, 80);
    System.out.printf("%n%d payloads, %d bytes%n", contexts.length, bytes);
  }

  /** A packet inspected with all its rules (not stored in a stream). */
  @Benchmark
  public int packetAllRules() {
    int n = 0;
    for (InspectionContext c : contexts) {
      candidates.clear();
      ruleset.candidates(c, candidates);
      n += candidates.next(0);
    }
    return n;
  }

  /** A packet whose payload the stream inspects again: only the rules needing the packet. */
  @Benchmark
  public int storedPacketRules() {
    int n = 0;
    for (InspectionContext c : contexts) {
      candidates.clear();
      any.candidates(c, candidates, scopes, RuleMeta.ON_STORED_PACKET);
      http.candidates(c, candidates, scopes, RuleMeta.ON_STORED_PACKET);
      n += candidates.next(0);
    }
    return n;
  }
}
