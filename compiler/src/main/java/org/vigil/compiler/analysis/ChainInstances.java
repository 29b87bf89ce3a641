package org.vigil.compiler.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Transform;

/**
 * A rule's option chains while it is analysed, one per buffer instance as Suricata 7 lays them out:
 * options on a buffer go to its current instance; a transform written after options that already
 * inspected that instance starts a new, transformed instance of the buffer (its own chain and
 * cursor); selecting the sticky buffer again returns to its untransformed instance.
 */
final class ChainInstances {
  private final List<Integer> ids = new ArrayList<>();
  private final List<List<PayloadOption>> lists = new ArrayList<>();

  /** Per buffer id, the instance options on it go to now (absent: made on first use). */
  private final Map<Integer, List<PayloadOption>> current = new HashMap<>();

  /** The current instance of buffer {@code id}, made when it has none. */
  List<PayloadOption> of(int id) {
    List<PayloadOption> l = current.get(id);
    if (l == null) {
      l = newInstance(id);
    }
    return l;
  }

  /** Adds {@code p} on buffer {@code id}, starting a transformed instance where it must. */
  void add(int id, PayloadOption p) {
    List<PayloadOption> l = current.get(id);
    if (p instanceof Transform && l != null && inspects(l)) {
      l = null;
    }
    if (l == null) {
      l = newInstance(id);
    }
    l.add(p);
  }

  /** The sticky buffer {@code id} was selected: its untransformed instance is current again. */
  void select(int id) {
    for (int i = 0; i < ids.size(); i++) {
      List<PayloadOption> l = lists.get(i);
      if (ids.get(i) == id && (l.isEmpty() || !(l.get(0) instanceof Transform))) {
        current.put(id, l);
        return;
      }
    }
    current.remove(id);
  }

  private static boolean inspects(List<PayloadOption> l) {
    for (PayloadOption o : l) {
      if (!(o instanceof Transform)) {
        return true;
      }
    }
    return false;
  }

  private List<PayloadOption> newInstance(int id) {
    List<PayloadOption> l = new ArrayList<>();
    ids.add(id);
    lists.add(l);
    current.put(id, l);
    return l;
  }

  /** True when buffer {@code id} has an instance. */
  boolean has(int id) {
    return ids.contains(id);
  }

  /**
   * The chains in the order their instances were made; an instance of transforms that no option
   * inspects is left out (Suricata drops such transforms).
   */
  List<RulePlan.Chain> chains() {
    List<RulePlan.Chain> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      if (!lists.get(i).isEmpty() && !inspects(lists.get(i))) {
        continue;
      }
      out.add(new RulePlan.Chain(ids.get(i), List.copyOf(lists.get(i))));
    }
    return out;
  }
}
