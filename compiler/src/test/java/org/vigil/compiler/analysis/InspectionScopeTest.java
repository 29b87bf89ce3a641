package org.vigil.compiler.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.artifact.RuleMeta;

/**
 * Which inspections evaluate a rule, as Suricata 7 decides between packet, stream and transaction.
 */
class InspectionScopeTest {
  private static int scope(String rule) {
    ParseResult r = FrontEnd.parseText("f.rules", rule, Variables.defaults());
    assertEquals(1, r.rules().size(), r.errors().toString());
    return InspectionScope.of(r.rules().get(0));
  }

  @Test
  void aRuleMixingAnHttpBufferWithRawContentIsMatchedOnlyAgainstItsTransactionsRawStream() {
    assertEquals(
        RuleMeta.ON_TX_STREAM | RuleMeta.NEEDS_PAYLOAD,
        scope(
            "alert tcp any any -> any any (content:\"403\"; http_stat_code; content:\" 403\"; sid:1;)"));
    assertEquals(
        RuleMeta.ON_TX_STREAM | RuleMeta.NEEDS_PAYLOAD,
        scope("alert tcp any any -> any any (pcre:\"/chunked/Hi\"; pcre:\"/^POST/\"; sid:1;)"));
  }

  @Test
  void pureHttpAndPureRawRulesKeepTheirScope() {
    assertEquals(
        RuleMeta.ON_STREAM,
        scope("alert tcp any any -> any any (content:\"403\"; http_stat_code; sid:1;)"));
    assertEquals(
        RuleMeta.ON_STREAM | RuleMeta.NEEDS_PAYLOAD,
        scope("alert tcp any any -> any any (content:\" 403\"; sid:1;)"));
    assertEquals(
        RuleMeta.EVERYWHERE | RuleMeta.NEEDS_PAYLOAD,
        scope("alert tcp any any -> any any (content:\" 403\"; depth:10; sid:1;)"));
    assertEquals(
        RuleMeta.ON_STORED_PACKET,
        scope("alert tcp any any -> any any (flow:established; sid:1;)"));
  }
}
