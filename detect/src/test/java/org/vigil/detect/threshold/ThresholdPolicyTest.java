package org.vigil.detect.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.detect.artifact.RuleAction;
import org.vigil.detect.artifact.RuleMeta;

class ThresholdPolicyTest {
  private static RuleMeta rule(long sid, RuleMeta.RateLimit own) {
    return new RuleMeta(0, 1, sid, 1, RuleAction.ALERT, "m", null, 3, List.of(), own);
  }

  private static ThresholdPolicy policy(String text) {
    return new ThresholdPolicy(ThresholdFile.parse("t", text.lines().toList(), Map.of()), "t");
  }

  @Test
  void specificThresholdReplacesTheRulesAndGlobalOnesSkipRulesWithOne() {
    RuleMeta own = rule(5, new RuleMeta.RateLimit("limit", true, 1, 60));
    RuleMeta plain = rule(6, null);
    ThresholdPolicy p =
        policy(
            """
            threshold gen_id 0, sig_id 0, type threshold, track by_dst, count 10, seconds 10
            threshold gen_id 1, sig_id 5, type both, track by_rule, count 3, seconds 5
            threshold gen_id 1, sig_id 5, type limit, track by_src, count 2, seconds 15
            rate_filter gen_id 1, sig_id 6, track by_src, count 1, seconds 1, new_action pass, timeout 1
            """);
    List<GlobalFilter> ignored = new ArrayList<>();
    RuleFilters f = p.resolve(own, ignored);
    assertEquals(1, f.counting().size());
    assertEquals("t:3", f.counting().get(0).origin(), "the last line naming the rule wins");
    assertEquals(
        List.of("rule", "t:1", "t:2"),
        ignored.stream().map(GlobalFilter::origin).sorted().toList());
    RuleFilters g = p.resolve(plain);
    assertEquals(
        List.of("t:1"),
        g.counting().stream().map(GlobalFilter::origin).toList(),
        "the rate filter is ignored: the global threshold came first");
  }

  @Test
  void suppressAddsToTheRulesThreshold() {
    RuleMeta own = rule(5, new RuleMeta.RateLimit("limit", true, 1, 60));
    ThresholdPolicy p =
        policy(
            """
            suppress gen_id 1, sig_id 0, track by_src, ip 10.0.0.1
            suppress gen_id 1, sig_id 5
            """);
    RuleFilters f = p.resolve(own);
    assertTrue(f.noAlert());
    assertEquals(1, f.suppress().size());
    assertEquals("rule", f.counting().get(0).origin());
    assertEquals(
        RuleFilters.NONE,
        p.resolve(new RuleMeta(1, 3, 5, 1, RuleAction.ALERT, "m", null, 3, List.of(), null)),
        "gen_id 1 lines do not touch gid 3");
  }
}
