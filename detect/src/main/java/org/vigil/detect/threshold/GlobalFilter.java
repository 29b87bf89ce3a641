package org.vigil.detect.threshold;

/**
 * One line of a threshold file, or a rule's own threshold: applies to the rules of {@link #gid()}
 * (0: every generator) and {@link #sid()} (0: every rule of the generator).
 */
public sealed interface GlobalFilter permits CountingFilter, SuppressFilter {
  /** The generator id, 0 for all. */
  long gid();

  /** The signature id, 0 for all. */
  long sid();

  /** Where it was written: {@code file:line}, or {@code rule} for a rule's own threshold. */
  String origin();

  /** The filter as a threshold-file line would say it. */
  String describe();

  /** Whether it applies to the rule {@code gid}:{@code sid}. */
  default boolean appliesTo(long ruleGid, long ruleSid) {
    return (gid() == 0 && sid() == 0) || (gid() == ruleGid && (sid() == 0 || sid() == ruleSid));
  }

  /** Whether it names one rule (rather than all rules or a generator's). */
  default boolean specific() {
    return sid() != 0;
  }
}
