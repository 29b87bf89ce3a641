package org.vigil.compiler.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.compiler.ir.Action;

/**
 * The evaluation order of a ruleset, as Suricata orders signatures: by action (pass, drop, reject,
 * alert, log), then rules that set flowbits before rules that only read them, then by priority,
 * then in source order.
 */
public final class RuleOrder {
  private RuleOrder() {}

  /** Rank of an action: pass first. */
  public static int actionRank(Action a) {
    return switch (a) {
      case PASS -> 0;
      case DROP, SDROP -> 1;
      case REJECT -> 2;
      case ALERT -> 3;
      case LOG -> 4;
    };
  }

  private static int flowbitsRank(RulePlan p) {
    if (!p.flowbitActions().isEmpty()) {
      return 0;
    }
    return p.flowbitChecks().isEmpty() ? 1 : 2;
  }

  /** The plans sorted into evaluation order ({@code priorities[i]} is plan i's priority). */
  public static List<RulePlan> sort(
      List<RulePlan> plans, java.util.function.ToIntFunction<RulePlan> priority) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      idx.add(i);
    }
    idx.sort(
        Comparator.<Integer>comparingInt(i -> actionRank(plans.get(i).rule().action()))
            .thenComparingInt(i -> flowbitsRank(plans.get(i)))
            .thenComparingInt(i -> priority.applyAsInt(plans.get(i)))
            .thenComparingInt(i -> i));
    List<RulePlan> out = new ArrayList<>(plans.size());
    for (int i : idx) {
      out.add(plans.get(i));
    }
    return out;
  }
}
