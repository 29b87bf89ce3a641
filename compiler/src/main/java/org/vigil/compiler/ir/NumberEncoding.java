package org.vigil.compiler.ir;

/** How byte_* keywords read a number: binary, or an ASCII string in a base. */
public enum NumberEncoding {
  BINARY(0),
  HEX(16),
  DEC(10),
  OCT(8);

  private final int radix;

  NumberEncoding(int radix) {
    this.radix = radix;
  }

  /** The radix of a string encoding; 0 for binary. */
  public int radix() {
    return radix;
  }
}
