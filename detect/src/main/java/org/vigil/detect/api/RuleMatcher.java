package org.vigil.detect.api;

/**
 * What a generated rule class implements: evaluate one of its rules against an inspection. Rules
 * are addressed by their global index in the ruleset; a class answers for the contiguous slice
 * {@code [firstRule, firstRule + ruleCount)} it was generated for.
 */
public interface RuleMatcher {
  /** The rule did not match. */
  int NO_MATCH = 0;

  /** The rule matched and should alert (post-match flowbits actions already applied). */
  int ALERT = 1;

  /** The rule matched but carries {@code flowbits:noalert} (post-match actions applied). */
  int MATCH_NOALERT = 2;

  /** Evaluates rule {@code ruleIndex} (global index) on {@code ctx}; one of the constants above. */
  int match(int ruleIndex, InspectionContext ctx);
}
