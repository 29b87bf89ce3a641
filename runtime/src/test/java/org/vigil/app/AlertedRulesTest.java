package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each rule alerts once on a transaction, however many rules alert on it. */
class AlertedRulesTest {

  @Test
  void aRuleIsFirstOnceAndOthersStayFirst() {
    AlertedRules a = new AlertedRules();
    assertTrue(a.first(7));
    assertFalse(a.first(7));
    assertTrue(a.first(0));
    assertTrue(a.first(40_000));
    assertFalse(a.first(0));
    assertFalse(a.first(40_000));
  }

  @Test
  void manyRulesEachAlertOnceBeforeAndAfterTheListIsFull() {
    AlertedRules a = new AlertedRules();
    for (int rule = 100; rule > 0; rule--) {
      assertTrue(a.first(rule * 31), "first of rule " + rule * 31);
    }
    for (int rule = 1; rule <= 100; rule++) {
      assertFalse(a.first(rule * 31), "again rule " + rule * 31);
    }
    assertTrue(a.first(5));
  }
}
