package org.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.artifact.ScanKey;

/**
 * A prefilter scan leaves out the patterns of the rules whose {@code flow:} option the inspection
 * cannot satisfy: a rule on packets to the client is never a candidate on a packet to the server
 * (nor the other way round), a rule on an established flow never one on a flow not established, and
 * a rule without flow a candidate on both; a rule sharing its pattern with a kept rule is skipped
 * by the detector. The alerts stay those of every rule evaluated.
 */
class ScanKeyTest {
  private static final int TO_SERVER =
      InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
  private static final int TO_CLIENT =
      InspectionContext.FLOW_TO_CLIENT | InspectionContext.FLOW_ESTABLISHED;

  private static Ruleset rules() {
    ParseResult pr =
        FrontEnd.parseText(
            "t.rules",
            """
            alert tcp any any -> any any (msg:"c"; flow:to_client; content:"cli"; sid:1;)
            alert tcp any any -> any any (msg:"s"; flow:established,to_server; content:"srv"; sid:2;)
            alert tcp any any -> any any (msg:"n"; content:"any"; sid:3;)
            alert tcp any any -> any any (msg:"e"; flow:from_server,established; content:"est"; sid:4;)
            """,
            Variables.defaults());
    assertTrue(pr.errors().isEmpty(), pr.errors().toString());
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules());
    assertTrue(res.errors().isEmpty(), res.errors().toString());
    return res.link();
  }

  private static InspectionContext packet(int flowFlags) {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.srcPort = 40000;
    c.dstPort = 80;
    c.flowFlags = flowFlags;
    byte[] p = "xx cli srv any est xx".getBytes(StandardCharsets.ISO_8859_1);
    c.setPacketPayload(p, 0, p.length);
    c.setBuffer(Buffers.PAYLOAD, p, 0, p.length);
    c.dsize = p.length;
    return c;
  }

  /**
   * The sids of the rules the payload prefilter gives on a packet with flow flags {@code
   * flowFlags}.
   */
  private static List<Long> scanned(Ruleset rs, int flowFlags) {
    CandidateSet cs = new CandidateSet(rs.size());
    InspectionContext c = packet(flowFlags);
    rs.anyGroup(Ruleset.TCP)
        .prefilter(Buffers.PAYLOAD)
        .scan(c.data[Buffers.PAYLOAD], 0, c.len[Buffers.PAYLOAD], cs, rs.scopes(), flowKey(c));
    List<Long> sids = new ArrayList<>();
    for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
      sids.add(rs.meta(r).sid());
    }
    return sids.stream().sorted().toList();
  }

  private static int flowKey(InspectionContext c) {
    return ScanKey.flowKey(c.flowFlags);
  }

  @Test
  void theCompilerRecordsWhatEachRulesFlowNeeds() {
    Ruleset rs = rules();
    int flowBits = RuleMeta.FLOW_TO_SERVER | RuleMeta.FLOW_TO_CLIENT | RuleMeta.FLOW_ESTABLISHED;
    List<Integer> bits = new ArrayList<>();
    for (int r = 0; r < rs.size(); r++) {
      bits.add(rs.meta(r).scope() & flowBits);
    }
    assertEquals(
        List.of(
            RuleMeta.FLOW_TO_CLIENT,
            RuleMeta.FLOW_TO_SERVER | RuleMeta.FLOW_ESTABLISHED,
            0,
            RuleMeta.FLOW_TO_CLIENT | RuleMeta.FLOW_ESTABLISHED),
        bits);
  }

  @Test
  void aToClientRuleIsNeverACandidateOnAPacketToTheServer() {
    Ruleset rs = rules();
    assertEquals(List.of(2L, 3L), scanned(rs, TO_SERVER));
    assertEquals(List.of(1L, 3L, 4L), scanned(rs, TO_CLIENT));
    assertEquals(List.of(3L), scanned(rs, InspectionContext.FLOW_TO_SERVER), "not established");
    assertEquals(List.of(3L), scanned(rs, 0), "no flow");
  }

  @Test
  void theDetectorEvaluatesOnlyTheRulesTheFlowAdmitsAndAlertsAsBefore() {
    Ruleset rs = rules();
    int[][] cases = {
      {TO_SERVER, 2, 3},
      {TO_CLIENT, 1, 3, 4},
      {InspectionContext.FLOW_TO_CLIENT, 1, 3},
      {0, 3}
    };
    for (int[] k : cases) {
      Detector d = new Detector(rs);
      List<Long> sids = new ArrayList<>();
      d.inspect(packet(k[0]), 0, (m, x) -> sids.add(m.sid()));
      List<Long> want = new ArrayList<>();
      for (int i = 1; i < k.length; i++) {
        want.add((long) k[i]);
      }
      assertEquals(want, sids.stream().sorted().toList(), "flow flags " + k[0]);
      assertEquals(want.size(), d.candidatesEvaluated(), "rules run, flow flags " + k[0]);
    }
  }

  /** Rules of both directions sharing one pattern: the scan finds it, the detector skips one. */
  @Test
  void aRuleSharingItsPatternWithAKeptRuleIsNotEvaluated() {
    ParseResult pr =
        FrontEnd.parseText(
            "t.rules",
            """
            alert tcp any any -> any any (msg:"c"; flow:to_client; content:"any"; sid:1;)
            alert tcp any any -> any any (msg:"s"; flow:to_server; content:"any"; sid:2;)
            """,
            Variables.defaults());
    Ruleset rs = RulesetCompiler.compile(pr.rules()).link();
    Detector d = new Detector(rs);
    List<Long> sids = new ArrayList<>();
    d.inspect(packet(TO_SERVER), 0, (m, x) -> sids.add(m.sid()));
    assertEquals(List.of(2L), sids);
    assertEquals(1, d.candidatesEvaluated());
  }

  @Test
  void aScanCoversAnotherOnlyWhenItLeavesOutNoRuleTheOtherKeeps() {
    int server = ScanKey.flowKey(TO_SERVER);
    int client = ScanKey.flowKey(TO_CLIENT);
    assertTrue(ScanKey.covers(0, server));
    assertTrue(ScanKey.covers(server, server | ScanKey.ESTABLISHED));
    assertFalse(ScanKey.covers(server, client));
    assertFalse(ScanKey.covers(server | RuleMeta.ON_STREAM, RuleMeta.ON_STORED_PACKET | server));
    assertTrue(ScanKey.covers(RuleMeta.EVERYWHERE, RuleMeta.ON_STREAM | client | server));
  }
}
