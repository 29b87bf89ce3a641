package org.vigil.compiler.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.Detector;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RulesetImage;

/** End to end: rule text to .vrs bytes to a loaded ruleset, then alerts out of the detector. */
class RulesetCompilerTest {

  private static Ruleset load(String rules) throws Exception {
    ParseResult pr = FrontEnd.parseText("t.rules", rules, Variables.defaults());
    assertTrue(pr.errors().isEmpty(), pr.errors().toString());
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules());
    assertTrue(res.errors().isEmpty(), res.errors().toString());
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    res.image().write(bos);
    return RulesetLinker.link(RulesetImage.read(new ByteArrayInputStream(bos.toByteArray())));
  }

  private static InspectionContext packet(String payload, int dport) {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.srcPort = 40000;
    c.dstPort = dport;
    c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
    c.flowbits = new FlowBits();
    byte[] b = payload.getBytes(StandardCharsets.ISO_8859_1);
    c.setBuffer(Buffers.PAYLOAD, b, 0, b.length);
    c.dsize = b.length;
    return c;
  }

  private static List<Long> alerts(Detector d, InspectionContext c, long time) {
    List<Long> sids = new ArrayList<>();
    d.inspect(c, time, (m, ctx) -> sids.add(m.sid()));
    return sids;
  }

  @Test
  void portGroupsPrefilterAndOrder() throws Exception {
    Ruleset rs =
        load(
            """
        alert tcp any any -> any 80 (msg:"web"; content:"GET /"; sid:1;)
        alert tcp any any -> any 25 (msg:"smtp"; content:"GET /"; sid:2;)
        alert tcp any any -> any any (msg:"any"; content:"evil"; nocase; sid:3;)
        alert tcp any any -> any any (msg:"reader"; flowbits:isset,seen; content:"GET"; sid:4;)
        alert tcp any any -> any any (msg:"setter"; content:"GET"; flowbits:set,seen; sid:5;)
        """);
    Detector d = new Detector(rs);
    // the setter is ordered before the reader, so both alert on the same packet
    assertEquals(
        List.of(1L, 5L, 3L, 4L).stream().sorted().toList(),
        alerts(d, packet("GET /EVIL", 80), 0).stream().sorted().toList());
    assertEquals(
        List.of(5L, 4L), alerts(d, packet("GET x", 25), 0), "setter then reader, in rule order");
    assertEquals(
        List.of(2L, 5L, 4L),
        alerts(d, packet("GET /", 25), 0).stream()
            .sorted((a, b) -> a == 2 ? -1 : b == 2 ? 1 : 0)
            .toList());
    assertEquals(List.of(), alerts(d, packet("PUT /", 80), 0));
    assertTrue(rs.meta(0).sid() == 5 || rs.meta(1).sid() == 5, "setter early in the order");
  }

  @Test
  void passRuleStopsTheInspection() throws Exception {
    Ruleset rs =
        load(
            """
        alert tcp any any -> any any (msg:"a"; content:"x"; sid:1;)
        pass tcp any any -> any any (msg:"p"; content:"trusted"; sid:2;)
        """);
    Detector d = new Detector(rs);
    assertEquals(List.of(1L), alerts(d, packet("x", 80), 0));
    assertEquals(List.of(), alerts(d, packet("x trusted", 80), 0));
  }

  @Test
  void thresholdAndDetectionFilter() throws Exception {
    Ruleset rs =
        load(
            """
        alert tcp any any -> any any (msg:"limit"; content:"L"; threshold:type limit, track by_src, count 2, seconds 60; sid:1;)
        alert tcp any any -> any any (msg:"df"; content:"D"; detection_filter:track by_dst, count 2, seconds 60; sid:2;)
        alert tcp any any -> any any (msg:"thr"; content:"T"; threshold:type threshold, track by_src, count 3, seconds 60; sid:3;)
        """);
    Detector d = new Detector(rs);
    int l = 0;
    int df = 0;
    int t = 0;
    for (int i = 0; i < 7; i++) {
      l += alerts(d, packet("L", 80), i * 1_000_000L).size();
      df += alerts(d, packet("D", 80), i * 1_000_000L).size();
      t += alerts(d, packet("T", 80), i * 1_000_000L).size();
    }
    assertEquals(2, l, "limit: first 2 per window");
    assertEquals(5, df, "detection_filter: from the 3rd match on");
    assertEquals(2, t, "threshold: every 3rd match");
    assertEquals(1, alerts(d, packet("L", 80), 61_000_000L).size(), "new window");
  }

  @Test
  void rulesWithoutFastPatternAreAlwaysCandidates() throws Exception {
    Ruleset rs =
        load(
            """
        alert tcp any any -> any any (msg:"dsize"; dsize:>3; sid:1;)
        alert tcp any any -> any any (msg:"neg"; content:!"abc"; sid:2;)
        """);
    assertEquals(List.of(1L, 2L), alerts(new Detector(rs), packet("zzzz", 80), 0));
  }

  @Test
  void rulesWithoutFastPatternAreCandidatesOnlyForTheirAddresses() throws Exception {
    Ruleset rs =
        load(
            """
        alert tcp [1.2.3.4,5.6.7.0/24] any -> any any (msg:"bad src"; flow:to_server; sid:1;)
        alert ip any any -> [10.0.0.2,2001:db8::/32] any (msg:"watched dst"; sid:2;)
        alert tcp any any -> any any (msg:"everywhere"; dsize:>0; sid:3;)
        alert tcp [1.2.3.4,9.9.9.9] any <> any any (msg:"either side"; sid:4;)
        """);
    Detector d = new Detector(rs);
    InspectionContext c = packet("x", 80);
    assertEquals(List.of(2L, 3L), alerts(d, c, 0).stream().sorted().toList());
    assertEquals(3, d.candidatesEvaluated(), "sid 1 is not a candidate for source 10.0.0.1");
    c.setIpv4(0x05060709, 0x0a000003);
    assertEquals(List.of(1L, 3L), alerts(d, c, 0).stream().sorted().toList());
    assertEquals(
        3 + 3, d.candidatesEvaluated(), "sid 2 is not a candidate for destination 10.0.0.3");
    c.setIpv4(0x0a000003, 0x09090909);
    assertEquals(
        List.of(3L, 4L), alerts(d, c, 0).stream().sorted().toList(), "<> matches either way round");
    c.ipVersion = 6;
    java.util.Arrays.fill(c.dstIp, (byte) 0);
    c.dstIp[0] = 0x20;
    c.dstIp[1] = 0x01;
    c.dstIp[2] = 0x0d;
    c.dstIp[3] = (byte) 0xb8;
    assertEquals(
        List.of(2L, 3L), alerts(d, c, 0).stream().sorted().toList(), "IPv6 destination in the set");
  }

  @Test
  void headerOnlyRulesOfASharedPortGroupAreCandidatesOnlyForTheirPorts() throws Exception {
    StringBuilder rules = new StringBuilder();
    // more distinct port sets than own groups: the rest share one group
    for (int i = 0; i < org.vigil.compiler.mpm.SignatureGroups.MAX_GROUPS + 6; i++) {
      rules
          .append("alert tcp any any -> any ")
          .append(2000 + i)
          .append(" (msg:\"syn\"; flags:S; sid:")
          .append(100 + i)
          .append(";)\n");
    }
    rules.append("alert tcp any any -> any [2000:2100] (msg:\"range\"; flags:S; sid:99;)\n");
    Ruleset rs = load(rules.toString());
    Detector d = new Detector(rs);
    int port = 2000;
    while (!rs.portGroup(Ruleset.TCP, port).name().contains("other")) {
      port++;
    }
    assertTrue(rs.portGroup(Ruleset.TCP, port).ruleCount() > 2, "a shared group");
    InspectionContext c = packet("", port);
    c.tcpFlags = 0x02;
    assertEquals(List.of(99L, 100L + port - 2000), alerts(d, c, 0).stream().sorted().toList());
    assertEquals(2, d.candidatesEvaluated(), "only the rules for port " + port + " are candidates");
    c.dstPort = 2101;
    assertEquals(List.of(), alerts(d, c, 0));
    assertEquals(2, d.candidatesEvaluated(), "no rule has port 2101");
  }

  @Test
  void ipRulesWithIpProtoAreGroupedOnlyUnderTheProtocolClassesTheyAccept() throws Exception {
    Ruleset rs =
        load(
            """
        alert ip any any -> any any (msg:"6in4"; ip_proto:41; sid:1;)
        alert ip any any -> any any (msg:"not tcp"; ip_proto:!6; sid:2;)
        alert ip any any -> any any (msg:"all"; ttl:<200; sid:3;)
        """);
    assertEquals(1, rs.anyGroup(Ruleset.TCP).ruleCount(), "only sid 3 can match TCP");
    assertEquals(2, rs.anyGroup(Ruleset.UDP).ruleCount());
    assertEquals(3, rs.anyGroup(Ruleset.OTHER).ruleCount());
    InspectionContext c = packet("x", 80);
    c.ipProto = 41;
    c.ttl = 64;
    assertEquals(List.of(1L, 2L, 3L), alerts(new Detector(rs), c, 0).stream().sorted().toList());
    c.ipProto = 6;
    assertEquals(List.of(3L), alerts(new Detector(rs), c, 0));
  }

  @Test
  void headerOnlyIcmpRulesAreCandidatesOnlyForTheTypesTheirItypeAccepts() throws Exception {
    Ruleset rs =
        load(
            """
        alert icmp any any -> any any (msg:"echo request"; itype:8; sid:1;)
        alert icmp any any -> any any (msg:"echo reply"; itype:0; sid:2;)
        alert icmp any any -> any any (msg:"odd types"; itype:>30; sid:3;)
        alert icmp any any -> any any (msg:"any icmp"; ttl:>0; sid:4;)
        alert ip any any -> any any (msg:"range"; itype:5<>9; sid:5;)
        """);
    Detector d = new Detector(rs);
    InspectionContext c = packet("", 0);
    c.ipProto = 1;
    c.ttl = 64;
    c.icmpType = 8;
    c.icmpCode = 0;
    assertEquals(List.of(1L, 4L, 5L), alerts(d, c, 0).stream().sorted().toList());
    assertEquals(
        3,
        d.candidatesEvaluated(),
        "only rules whose itype accepts type 8 and the rule without itype");
    c.icmpType = 40;
    assertEquals(List.of(3L, 4L), alerts(d, c, 0).stream().sorted().toList());
    assertEquals(3 + 2, d.candidatesEvaluated());
  }
}
