package org.vigil.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.threshold.GlobalFilter;
import org.vigil.detect.threshold.RuleFilters;
import org.vigil.detect.threshold.ThresholdPolicy;

/** Prints what decides whether one rule's matches alert: its threshold and the threshold file. */
final class ThresholdReport {
  private ThresholdReport() {}

  /** Writes the filters {@code policy} applies to {@code rule}, and the lines it ignores for it. */
  static void print(RuleMeta rule, ThresholdPolicy policy, PrintWriter out) {
    List<GlobalFilter> ignored = new ArrayList<>();
    RuleFilters f = policy.resolve(rule, ignored);
    String from = policy.source().isEmpty() ? "" : " (threshold file " + policy.source() + ")";
    if (f.isEmpty() && ignored.isEmpty()) {
      out.println("thresholds: none" + from);
      return;
    }
    out.println("thresholds" + from + ":");
    if (f.noAlert()) {
      out.println("  never alerts: suppressed without address");
    }
    f.suppress().forEach(s -> out.printf("  %s  [%s]%n", s.describe(), s.origin()));
    f.counting().forEach(c -> out.printf("  %s  [%s]%n", c.describe(), c.origin()));
    ignored.forEach(
        g ->
            out.printf(
                "  ignored: %s  [%s]%n",
                g.describe(),
                g.origin().equals("rule")
                    ? "rule, replaced by the threshold file"
                    : g.origin() + ", the rule has a threshold already"));
  }
}
