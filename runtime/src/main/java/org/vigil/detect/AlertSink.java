package org.vigil.detect;

import org.vigil.detect.api.InspectionContext;

/** Receives the alerts of one inspection, in rule evaluation order. */
@FunctionalInterface
public interface AlertSink {
  /** Rule {@code rule} alerted on the inspection described by {@code ctx}. */
  void alert(RuleMeta rule, InspectionContext ctx);
}
