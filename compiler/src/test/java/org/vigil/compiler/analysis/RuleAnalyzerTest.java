package org.vigil.compiler.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.ir.Rule;
import org.vigil.detect.api.Buffers;

class RuleAnalyzerTest {

  private static Rule rule(String options) {
    ParseResult pr =
        FrontEnd.parseText(
            "t.rules",
            "alert tcp any any -> any any (msg:\"m\"; " + options + " sid:7;)",
            Variables.defaults());
    assertTrue(pr.errors().isEmpty(), pr.errors().toString());
    return pr.rules().get(0);
  }

  private static String error(String options) {
    BackendException e =
        assertThrows(BackendException.class, () -> new RuleAnalyzer().analyze(rule(options)));
    return e.pos().line() + ":" + e.getMessage();
  }

  @Test
  void fastPatternExplicitFirstThenLongest() {
    RulePlan p =
        new RuleAnalyzer()
            .analyze(rule("content:\"ab\"; content:\"longest\"; content:\"mid\"; fast_pattern;"));
    assertEquals("mid", new String(p.fastPattern().bytes()));
    p =
        new RuleAnalyzer()
            .analyze(rule("content:\"ab\"; content:\"longest\"; content:!\"negatedlonger\";"));
    assertEquals("longest", new String(p.fastPattern().bytes()));
    p = new RuleAnalyzer().analyze(rule("content:\"abcdef\"; fast_pattern:2,3;"));
    assertEquals("cde", new String(p.fastPattern().bytes()));
    assertEquals(2, p.fastPattern().minStart());
  }

  @Test
  void offsetAndDepthBoundThePrefilterWindow() {
    RulePlan p = new RuleAnalyzer().analyze(rule("content:\"abc\"; offset:4; depth:10;"));
    assertEquals(4, p.fastPattern().minStart());
    assertEquals(11, p.fastPattern().maxStart(), "start + 3 <= 4 + 10");
  }

  @Test
  void chainsPerBuffer() {
    RulePlan p =
        new RuleAnalyzer()
            .analyze(rule("content:\"a\"; content:\"/x\"; http_uri; content:\"b\"; distance:0;"));
    assertEquals(2, p.chains().size());
    assertEquals(Buffers.PAYLOAD, p.chains().get(0).bufferId());
    assertEquals(2, p.chains().get(0).ops().size());
    assertEquals(Buffers.HTTP_URI, p.chains().get(1).bufferId());
  }

  @Test
  void validationErrors() {
    assertTrue(error("sip_method:invite;").contains("sip_method is not supported by Vigil yet"));
    assertTrue(
        error("ssl_version:tls1.0,!tls1.2;")
            .contains("ssl_version: negated and plain versions cannot be mixed"));
    assertTrue(error("ssl_version:tls1.0,tls1.0;").contains("tls1.0 is listed twice"));
  }

  @Test
  void dceKeywordsAreLoweredOntoTheCallState() {
    RulePlan p =
        new RuleAnalyzer()
            .analyze(
                rule(
                    "dce_iface:4b324fc8-1670-01d3-1278-5a47bf6ee188,<3; dce_opnum:1,5;"
                        + " dce_stub_data; content:\"x\"; byte_test:4,>,256,0,relative,dce;"));
    assertEquals(
        java.util.List.of(Buffers.DCE_STATE, Buffers.DCE_STUB_DATA),
        p.chains().stream().map(RulePlan.Chain::bufferId).toList());
    // uuid content, flags test, version test, opnum alternation
    assertEquals(4, p.chains().get(0).ops().size());
  }

  @Test
  void asn1RunsInItsBuffersChainAndFtpbounceOnTheFtpCommand() {
    RulePlan p =
        new RuleAnalyzer().analyze(rule("content:\"PORT\"; ftpbounce; asn1:oversize_length 10;"));
    assertEquals(
        java.util.List.of(Buffers.PAYLOAD, Buffers.FTP_COMMAND),
        p.chains().stream().map(RulePlan.Chain::bufferId).toList());
    assertEquals(2, p.chains().get(0).ops().size());
  }

  @Test
  void flowbitsReadButNeverSetAreWarned() {
    Rule a = rule("flowbits:isset,never; content:\"x\";");
    FlowbitsGraph g = new FlowbitsGraph(java.util.List.of(new RuleAnalyzer().analyze(a)));
    assertEquals(1, g.warnings().size());
    assertTrue(
        g.warnings().get(0).toString().contains("flowbit 'never' is checked but no rule sets it"));
  }
}
