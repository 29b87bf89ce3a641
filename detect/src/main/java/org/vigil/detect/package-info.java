/**
 * The detector: a packet, stream chunk or app-layer unit goes to its port group, the group's
 * prefilter picks the candidate rules, their generated code runs, thresholds decide the alerts.
 * {@link org.vigil.detect.RulesetLinker} turns a verified artifact into a runnable {@link
 * org.vigil.detect.Ruleset}; the two contracts with the compiler sit beside this package: {@code
 * detect.api} (what generated classes implement and call) and {@code detect.artifact} (the {@code
 * .vrs} file).
 */
package org.vigil.detect;
