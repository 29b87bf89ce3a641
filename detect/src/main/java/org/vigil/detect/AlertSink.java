package org.vigil.detect;

import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

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

  /**
   * Whether candidate rule {@code rule} (global index) is evaluated in this inspection: false for a
   * rule whose match on the same transaction is final, which is then skipped (its flowbits actions
   * are not applied again).
   */
  default boolean evaluate(int rule) {
    return true;
  }

  /** Rule {@code rule} matched (alerting or not, pass rules included), before its admission. */
  default void matched(RuleMeta rule) {}
}
