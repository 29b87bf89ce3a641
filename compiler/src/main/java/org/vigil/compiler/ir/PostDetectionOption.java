package org.vigil.compiler.ir;

/** Options applied after a rule matched: alert rate limits and tagging. */
public sealed interface PostDetectionOption extends RuleOption
    permits Threshold, DetectionFilter, Tag {}
