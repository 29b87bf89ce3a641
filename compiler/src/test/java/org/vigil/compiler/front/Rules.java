package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.RuleOption;

/** Test helpers: parse one rule and expect it to load, or to fail with one diagnostic. */
final class Rules {
  private Rules() {}

  static final String HEADER = "alert tcp any any -> any any ";

  /** Parses a whole rule text that must load. */
  static Rule rule(String text) {
    ParseResult r = FrontEnd.parseText("t.rules", text + "\n", Variables.defaults());
    if (!r.errors().isEmpty()) {
      fail("expected the rule to load, got: " + r.errors().get(0).format());
    }
    assertEquals(1, r.rules().size());
    return r.rules().get(0);
  }

  /** Parses {@code HEADER (options sid:1;)} that must load. */
  static Rule ok(String options) {
    return rule(HEADER + "(" + options + " sid:1;)");
  }

  /** The options of {@code ok(options)} without the trailing sid. */
  static java.util.List<RuleOption> opts(String options) {
    var all = ok(options).options();
    return all.subList(0, all.size() - 1);
  }

  /** The single option of {@code ok(option)}. */
  static <T extends RuleOption> T one(String option, Class<T> type) {
    var o = opts(option);
    assertEquals(1, o.size(), "options: " + o);
    return type.cast(o.get(0));
  }

  /** Parses a whole rule text that must be rejected; returns its diagnostic. */
  static Diagnostic badRule(String text) {
    ParseResult r = FrontEnd.parseText("t.rules", text + "\n", Variables.defaults());
    if (r.errors().size() != 1) {
      fail("expected one error, got " + r.errors() + " and rules " + r.rules());
    }
    assertEquals(0, r.rules().size());
    assertEquals(1, r.total());
    return r.errors().get(0);
  }

  /** Parses {@code HEADER (options sid:1;)} that must be rejected; returns the message. */
  static String bad(String options) {
    return badRule(HEADER + "(" + options + " sid:1;)").message();
  }
}
