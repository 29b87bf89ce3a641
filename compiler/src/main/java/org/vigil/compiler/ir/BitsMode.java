package org.vigil.compiler.ir;

/** How flags / fragbits compare the listed bits with the packet's. */
public enum BitsMode {
  /** no modifier: exactly these bits are set (among those not ignored). */
  EXACT(""),
  /** {@code +}: all of these bits are set, others may be. */
  ALL("+"),
  /** {@code *}: any of these bits is set. */
  ANY("*"),
  /** {@code !}: none of these bits is set. */
  NOT("!");

  private final String text;

  BitsMode(String text) {
    this.text = text;
  }

  /** The modifier character as written ("" for EXACT). */
  public String text() {
    return text;
  }
}
