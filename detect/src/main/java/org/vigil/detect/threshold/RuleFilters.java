package org.vigil.detect.threshold;

import java.util.List;

/**
 * What decides whether one rule's match alerts: {@code noAlert} (a suppress without address), the
 * address suppressions, then the counting filters in order; the match alerts when none suppresses
 * and every counting filter lets it through.
 */
public record RuleFilters(
    boolean noAlert, List<SuppressFilter> suppress, List<CountingFilter> counting) {
  /** No filter at all. */
  public static final RuleFilters NONE = new RuleFilters(false, List.of(), List.of());

  /** True when nothing filters the rule's alerts. */
  public boolean isEmpty() {
    return !noAlert && suppress.isEmpty() && counting.isEmpty();
  }
}
