package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.IrComparison;
import org.vigil.compiler.ir.Rule;

/**
 * Rule text read as Suricata reads it, checked by mutation: a deterministic sample of ET Open (2017
 * and 2024) and Snort community rules, each damaged once at a random character and once at a random
 * quote, semicolon, backslash, colon, pipe or parenthesis (the character deleted, duplicated, or
 * swapped with the next one). Every mutated rule must be either
 *
 * <ul>
 *   <li>rejected with a diagnostic at {@code mutated.rules:<its line>:<column within the line>}
 *       (never an internal error), or
 *   <li>accepted as a rule whose printed form ({@link RulePrinter}) has as many options, relative
 *       to the text, as the unmutated rule's printed form had relative to its text, counting
 *       options as Suricata splits them (one per unescaped ';'): a mutation never makes a quoted
 *       value swallow an option (as {@code msg:"x; content:"GET";} once did) or split one; and
 *       whose printed form parses back to the same IR (positions aside).
 * </ul>
 */
class RuleTextMutationTest {
  private static final int PER_SET = 1200;
  private static final String TARGETS = "\";\\:|()";

  record Mutant(String original, String text, String what, boolean touchesQuote) {}

  @Test
  void mutatedRulesAreRejectedWithAPositionOrReadConsistently() throws IOException {
    long t0 = System.nanoTime();
    Random rnd = new Random(18);
    List<Mutant> mutants = new ArrayList<>();
    Map<String, Integer> offsetOf = new HashMap<>();
    for (String set : List.of("rules/et-open", "rules/et-open-2024", "rules/snort-community")) {
      List<String> rules = sample(Corpus.root().resolve(set), rnd, offsetOf);
      for (String rule : rules) {
        mutants.add(mutate(rule, rnd.nextInt(rule.length()), rnd));
        List<Integer> special = new ArrayList<>();
        for (int k = rule.indexOf('('); k >= 0 && k < rule.length(); k++) {
          if (TARGETS.indexOf(rule.charAt(k)) >= 0) {
            special.add(k);
          }
        }
        mutants.add(mutate(rule, special.get(rnd.nextInt(special.size())), rnd));
      }
    }
    StringBuilder text = new StringBuilder();
    for (Mutant m : mutants) {
      text.append(m.text).append('\n');
    }
    ParseResult r = FrontEnd.parseText("mutated.rules", text.toString(), Variables.defaults());
    assertEquals(mutants.size(), r.total());
    assertEquals(mutants.size(), r.rules().size() + r.errors().size());

    List<String> problems = new ArrayList<>();
    for (Diagnostic d : r.errors()) {
      Mutant m = mutants.get(d.pos().line() - 1);
      if (!d.pos().file().equals("mutated.rules")
          || d.pos().column() < 1
          || d.pos().column() > m.text.length() + 1) {
        problems.add(
            "no file:line:col within the rule: "
                + d.headline()
                + "\n  "
                + m.what
                + "\n  "
                + m.text);
      } else if (d.reason().equals("internal error")) {
        problems.add("internal error: " + d.format());
      }
    }
    int accepted = 0;
    int quoteAccepted = 0;
    int quoteRejected = 0;
    StringBuilder printedText = new StringBuilder();
    for (Rule rule : r.rules()) {
      Mutant m = mutants.get(rule.source().pos().line() - 1);
      accepted++;
      String printed = RulePrinter.print(rule);
      printedText.append(printed).append('\n');
      int offset = offsetOf.get(m.original);
      int mine = options(printed) - options(m.text);
      if (mine != offset) {
        problems.add(
            "printed form has "
                + options(printed)
                + " options for "
                + options(m.text)
                + " in the text (unmutated: "
                + offset
                + " more)\n  "
                + m.what
                + "\n  text:    "
                + m.text
                + "\n  printed: "
                + printed);
      }
      if (m.touchesQuote) {
        quoteAccepted++;
      }
    }
    ParseResult again =
        FrontEnd.parseText("printed.rules", printedText.toString(), Variables.defaults());
    for (Diagnostic d : again.errors()) {
      problems.add("printed form does not parse: " + d.format());
    }
    if (again.errors().isEmpty()) {
      for (int i = 0; i < r.rules().size(); i++) {
        String diff = IrComparison.firstDifference(r.rules().get(i), again.rules().get(i), "rule");
        if (diff != null) {
          problems.add(
              "printed form reads differently: "
                  + diff
                  + "\n  text:    "
                  + mutants.get(r.rules().get(i).source().pos().line() - 1).text
                  + "\n  printed: "
                  + RulePrinter.print(r.rules().get(i)));
        }
      }
    }
    for (Diagnostic d : r.errors()) {
      if (mutants.get(d.pos().line() - 1).touchesQuote) {
        quoteRejected++;
      }
    }
    System.out.printf(
        "mutation test: %d mutants, %d accepted, %d rejected; quote mutations %d accepted, %d rejected;"
            + " %d ms%n",
        mutants.size(),
        accepted,
        r.errors().size(),
        quoteAccepted,
        quoteRejected,
        (System.nanoTime() - t0) / 1_000_000);
    assertTrue(
        quoteRejected > 0 && accepted > 0 && !r.errors().isEmpty(),
        "the sample exercises both outcomes");
    assertTrue(
        problems.isEmpty(),
        problems.size()
            + " mutants read inconsistently:\n"
            + String.join("\n", problems.subList(0, Math.min(15, problems.size()))));
  }

  /**
   * {@link #PER_SET} active rules of a corpus folder, drawn at random among those that parse as
   * they are; for each, how many more options its printed form has than its text goes into {@code
   * offsetOf}.
   */
  private static List<String> sample(Path dir, Random rnd, Map<String, Integer> offsetOf)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path f : FrontEnd.expand(List.of(dir))) {
      for (String l : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
        if (l.startsWith("alert") && !l.endsWith("\\")) {
          lines.add(l);
        }
      }
    }
    List<String> drawn = new ArrayList<>();
    for (int i = 0; i < 2 * PER_SET; i++) {
      drawn.add(lines.get(rnd.nextInt(lines.size())));
    }
    ParseResult r =
        FrontEnd.parseText("corpus.rules", String.join("\n", drawn) + "\n", Variables.defaults());
    List<String> ok = new ArrayList<>();
    for (Rule rule : r.rules()) {
      if (ok.size() < PER_SET) {
        String text = drawn.get(rule.source().pos().line() - 1);
        ok.add(text);
        offsetOf.put(text, options(RulePrinter.print(rule)) - options(text));
      }
    }
    return ok;
  }

  private static Mutant mutate(String rule, int at, Random rnd) {
    StringBuilder s = new StringBuilder(rule);
    char c = rule.charAt(at);
    String what;
    boolean quote = c == '"' && !escaped(rule, at) && at > rule.indexOf('(');
    switch (rnd.nextInt(3)) {
      case 0 -> {
        s.deleteCharAt(at);
        what = "deleted '" + c + "' at column " + (at + 1);
      }
      case 1 -> {
        s.insert(at, c);
        what = "duplicated '" + c + "' at column " + (at + 1);
      }
      default -> {
        if (at + 1 < s.length()) {
          s.setCharAt(at, rule.charAt(at + 1));
          s.setCharAt(at + 1, c);
          quote |= rule.charAt(at + 1) == '"';
        }
        what = "swapped columns " + (at + 1) + " and " + (at + 2);
      }
    }
    // a trailing backslash would join the next line (a continuation): not a mutation of this rule
    // alone
    String t = s.toString().replaceAll("[\\\\ \t]+$", "");
    return new Mutant(rule, t, what, quote);
  }

  private static boolean escaped(String s, int at) {
    int n = 0;
    for (int i = at - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }

  /**
   * The options of a rule text as Suricata splits them: the text between the first '(' and the last
   * ')' cut at every ';' that no backslash escapes (quotes do not protect a ';'), empty trailing
   * text left out.
   */
  static int options(String rule) {
    int open = rule.indexOf('(');
    int close = rule.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    int n = 0;
    boolean content = false;
    for (int i = open + 1; i < close; i++) {
      char c = rule.charAt(i);
      if (c == '\\') {
        i++;
        content = true;
      } else if (c == ';') {
        n++;
        content = false;
      } else if (!Character.isWhitespace(c)) {
        content = true;
      }
    }
    return n + (content ? 1 : 0);
  }
}
