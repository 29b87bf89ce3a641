package org.vigil.thread.module;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Suricata's cap on the alerts logged per packet ({@code packet-alert-max}, default 15): when more
 * rules alert on one packet, those first in the ruleset's evaluation order (Suricata's signature
 * order: action, flowbits, ..., priority) are logged, in that order, and the others are dropped and
 * counted as the alert queue's overflow ({@code detect.alert_queue_overflow}). Verdicts are not
 * capped: a dropping rule drops whether or not its alert is logged.
 */
public final class AlertCap {
  /** Suricata's default cap. */
  public static final int DEFAULT = 15;

  /** One alert held until its packet's alerts are known: its rule's order and how to log it. */
  public record Held<T>(int order, T alert) {}

  private final int max;
  private long overflow;

  /** A cap of {@code max} alerts per packet (at least 1). */
  public AlertCap(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("packet-alert-max must be at least 1: " + max);
    }
    this.max = max;
  }

  /** The alerts per packet logged at most. */
  public int max() {
    return max;
  }

  /**
   * The alerts of one packet to log: all of {@code held} in their order when they are at most the
   * cap, else the cap's number of those first in rule order, sorted by it (the rest counted).
   */
  public <T> List<T> keep(List<Held<T>> held) {
    List<T> out = new ArrayList<>(Math.min(held.size(), max));
    if (held.size() <= max) {
      for (Held<T> h : held) {
        out.add(h.alert());
      }
      return out;
    }
    List<Held<T>> sorted = new ArrayList<>(held);
    sorted.sort(Comparator.comparingInt(Held::order)); // stable: equal orders keep theirs
    for (int i = 0; i < max; i++) {
      out.add(sorted.get(i).alert());
    }
    overflow += held.size() - max;
    return out;
  }

  /** Alerts dropped by the cap so far. */
  public long overflow() {
    return overflow;
  }
}
