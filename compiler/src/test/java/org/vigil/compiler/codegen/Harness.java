package org.vigil.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.ir.Rule;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;

/**
 * Test helper: compiles rule text, runs generated code and the reference interpreter on contexts.
 */
final class Harness {
  final RulesetCompiler.Result result;
  final Ruleset ruleset;
  final ReferenceInterpreter oracle;

  Harness(String rules) {
    ParseResult pr = FrontEnd.parseText("test.rules", rules, Variables.defaults());
    assertTrue(pr.errors().isEmpty(), () -> "front end rejected: " + pr.errors());
    result = RulesetCompiler.compile(pr.rules());
    assertTrue(result.errors().isEmpty(), () -> "back end rejected: " + result.errors());
    ruleset = result.link();
    Map<String, Integer> ids = new HashMap<>();
    List<String> names = ruleset.flowbitNames();
    for (int i = 0; i < names.size(); i++) {
      ids.put(names.get(i), i);
    }
    oracle = new ReferenceInterpreter(ids);
  }

  /** A TCP packet context 10.0.0.1:1234 -> 10.0.0.2:80, established to_server, with a payload. */
  static InspectionContext tcp(String payload) {
    return tcp(payload.getBytes(StandardCharsets.ISO_8859_1));
  }

  static InspectionContext tcp(byte[] payload) {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.ttl = 64;
    c.srcPort = 1234;
    c.dstPort = 80;
    c.tcpFlags = 0x18;
    c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
    c.flowbits = new FlowBits();
    c.setBuffer(Buffers.PAYLOAD, payload, 0, payload.length);
    c.setPacketPayload(payload, 0, payload.length);
    c.dsize = payload.length;
    return c;
  }

  /** Result of rule {@code sid} by generated code, checked equal to the interpreter's. */
  int run(long sid, InspectionContext c) {
    for (int i = 0; i < ruleset.size(); i++) {
      if (ruleset.meta(i).sid() == sid) {
        Rule r = result.plans().get(i).rule();
        FlowBits saved = c.flowbits;
        FlowBits copy = null;
        if (saved != null) {
          copy = new FlowBits();
          for (int b = 0; b < 64; b++) {
            if (saved.isSet(b)) {
              copy.set(b);
            }
          }
        }
        c.flowbits = copy;
        int want = oracle.eval(r, c);
        c.flowbits = saved;
        int got = ruleset.matcher(i).match(i, c);
        assertEquals(want, got, () -> "generated code and interpreter disagree on sid " + sid);
        return got;
      }
    }
    throw new AssertionError("no sid " + sid);
  }

  boolean matches(long sid, InspectionContext c) {
    return run(sid, c) != RuleMatcher.NO_MATCH;
  }

  boolean matches(long sid, String payload) {
    return matches(sid, tcp(payload));
  }
}
