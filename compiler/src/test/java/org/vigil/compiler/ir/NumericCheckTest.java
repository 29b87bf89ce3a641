package org.vigil.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumericCheckTest {
  @Test
  void rangeIsExclusiveLikeSuricata() {
    NumericCheck c = new NumericCheck(NumericCheck.Op.RANGE, 13, 32);
    assertFalse(c.test(13));
    assertTrue(c.test(14));
    assertTrue(c.test(31));
    assertFalse(c.test(32));
    assertEquals("13<>32", c.toString());
  }

  @Test
  void comparisonsAndText() {
    assertTrue(NumericCheck.of(NumericCheck.Op.GT, 11).test(12));
    assertFalse(NumericCheck.of(NumericCheck.Op.GT, 11).test(11));
    assertTrue(NumericCheck.of(NumericCheck.Op.NE, 5).test(4));
    assertTrue(NumericCheck.of(NumericCheck.Op.LE, 5).test(5));
    assertEquals(">11", NumericCheck.of(NumericCheck.Op.GT, 11).toString());
    assertEquals("!5", NumericCheck.of(NumericCheck.Op.NE, 5).toString());
    assertEquals("48", NumericCheck.of(NumericCheck.Op.EQ, 48).toString());
  }
}
