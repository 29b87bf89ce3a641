package org.vigil.compiler.ir;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality (content patterns). */
public record Bytes(byte[] data) {
  public Bytes {
    data = data.clone();
  }

  /** A copy of the bytes. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Number of bytes. */
  public int length() {
    return data.length;
  }

  /** The byte at {@code i}. */
  public byte at(int i) {
    return data[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(data, b.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "|" + HexFormat.ofDelimiter(" ").formatHex(data) + "|";
  }
}
