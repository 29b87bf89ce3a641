package org.vigil.app;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The rules that have alerted on one transaction (or one direction of it), so that each rule alerts
 * on it once.
 *
 * <p>A transaction alerts on few rules: they are kept as a short list (nothing until the first),
 * and only a transaction that alerts on many moves to a bit per rule of the ruleset.
 */
public final class AlertedRules {
  private static final int LIST_MAX = 16;

  private int[] list;
  private int count;
  private BitSet many;

  /** True the first time {@code rule} is offered; it is then remembered. */
  public boolean first(int rule) {
    if (many != null) {
      if (many.get(rule)) {
        return false;
      }
      many.set(rule);
      return true;
    }
    int[] a = list;
    for (int i = 0; i < count; i++) {
      if (a[i] == rule) {
        return false;
      }
    }
    if (count == LIST_MAX) {
      many = new BitSet();
      for (int i = 0; i < count; i++) {
        many.set(a[i]);
      }
      many.set(rule);
      list = null;
      return true;
    }
    if (a == null || count == a.length) {
      list = a = a == null ? new int[4] : Arrays.copyOf(a, count * 2);
    }
    a[count++] = rule;
    return true;
  }
}
