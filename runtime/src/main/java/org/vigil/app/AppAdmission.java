package org.vigil.app;

/**
 * How the inspection of one app-layer unit treats its candidate rules, by global rule index: which
 * it evaluates, what it records of their matches, and which matches alert.
 */
@FunctionalInterface
public interface AppAdmission {
  /** Whether the match of {@code rule} alerts (asked before thresholds count it). */
  boolean admit(int rule);

  /** Whether {@code rule} is evaluated at all in this inspection. */
  default boolean evaluate(int rule) {
    return true;
  }

  /** {@code rule} matched (alerting or not; pass rules are not reported). */
  default void matched(int rule) {}
}
