package org.vigil.compiler.ir;

/**
 * The origin of a rule: the position of its first character and its text as written (continuations
 * joined).
 */
public record RuleSource(SourcePos pos, String text) {}
