package org.vigil.compiler.front;

/** Parses one keyword's value into IR options added to the rule being built. */
@FunctionalInterface
public interface KeywordParser {
  /**
   * Parses {@code args} and adds to (or modifies the last content of) {@code rule}; throws {@link
   * RuleException}.
   */
  void parse(OptionArgs args, RuleBuilder rule);
}
