package org.vigil.compiler.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.compiler.ir.Action;

/**
 * The evaluation order of a ruleset, as Suricata orders signatures: by action (pass, drop, reject,
 * alert, log), then rules that set flowbits before rules that only read them, then by their use of
 * flowint variables, host xbits and host pair xbits (as Suricata 7 ranks those), then by priority,
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

  /**
   * Flowint, as Suricata ranks it: 0 a rule only changing variables, 1 changing and testing, 2 only
   * testing, 3 none.
   */
  private static int flowintRank(RulePlan p) {
    boolean read = false;
    boolean write = false;
    for (org.vigil.compiler.ir.Flowint f : p.rule().all(org.vigil.compiler.ir.Flowint.class)) {
      write |= f.op().isAction();
      read |= !f.op().isAction();
    }
    return write ? (read ? 1 : 0) : (read ? 2 : 3);
  }

  /**
   * Xbits of hosts ({@code pair} false: tracked ip_src/ip_dst) or host pairs, as Suricata 7 ranks
   * them: 0 a rule testing one, 1 any other. Suricata 7 does not count xbits changes in this rank,
   * so a rule testing a bit runs before one setting it in the same inspection.
   */
  private static int xbitsRank(RulePlan p, boolean pair) {
    for (org.vigil.compiler.ir.Xbits x : p.rule().all(org.vigil.compiler.ir.Xbits.class)) {
      if (!x.command().isAction()
          && (x.track() == org.vigil.compiler.ir.Xbits.Track.IP_PAIR) == pair) {
        return 0;
      }
    }
    return 1;
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
            .thenComparingInt(i -> flowintRank(plans.get(i)))
            .thenComparingInt(i -> xbitsRank(plans.get(i), false))
            .thenComparingInt(i -> xbitsRank(plans.get(i), true))
            .thenComparingInt(i -> priority.applyAsInt(plans.get(i)))
            .thenComparingInt(i -> i));
    List<RulePlan> out = new ArrayList<>(plans.size());
    for (int i : idx) {
      out.add(plans.get(i));
    }
    return out;
  }
}
