package org.vigil.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void valueEqualityAndImmutability() {
    byte[] raw = {1, 2, 3};
    Bytes b = new Bytes(raw);
    raw[0] = 9;
    assertEquals(new Bytes(new byte[] {1, 2, 3}), b);
    assertEquals(new Bytes(new byte[] {1, 2, 3}).hashCode(), b.hashCode());
    assertNotEquals(new Bytes(new byte[] {1, 2}), b);
    assertEquals("|01 02 03|", b.toString());
  }
}
