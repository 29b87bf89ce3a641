/**
 * The threshold file (Suricata's {@code threshold.config}): its filters (threshold/event_filter,
 * suppress, rate_filter), their parser and the per-rule resolution against a rule's own {@code
 * threshold:}/{@code detection_filter}.
 */
package org.vigil.detect.threshold;
