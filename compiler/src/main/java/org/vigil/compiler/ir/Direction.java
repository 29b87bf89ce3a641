package org.vigil.compiler.ir;

/** The direction operator of a rule header. */
public enum Direction {
  /** {@code ->}: source to destination only. */
  TO("->"),
  /** {@code <>}: either way. */
  BOTH("<>");

  private final String text;

  Direction(String text) {
    this.text = text;
  }

  /** The operator as written in a rule. */
  public String text() {
    return text;
  }
}
