package org.vigil.compiler.ir;

/**
 * A numeric option argument: a literal, or the name of a byte_extract variable of the same rule.
 */
public sealed interface IntArg {
  /** A literal number. */
  record Literal(long value) implements IntArg {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A reference to a variable set by an earlier byte_extract in the same rule. */
  record Variable(String name) implements IntArg {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Shorthand for a literal. */
  static IntArg of(long value) {
    return new Literal(value);
  }
}
