package org.vigil.detect;

import org.vigil.detect.api.InspectionContext;

/** Receives the alerts of one inspection, in rule evaluation order. */
@FunctionalInterface
public interface AlertSink {
  /** Rule {@code rule} alerted on the inspection described by {@code ctx}. */
  void alert(RuleMeta rule, InspectionContext ctx);

  /**
   * Whether a match of {@code rule} is a new one, asked before thresholds count it: false for a
   * match already reported for the same packet or transaction (it neither alerts nor counts).
   */
  default boolean admit(RuleMeta rule, InspectionContext ctx) {
    return true;
  }
}
