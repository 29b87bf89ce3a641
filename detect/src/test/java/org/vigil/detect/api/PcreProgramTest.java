package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PcreProgramTest {
  private static final int BASE = Pattern.UNIX_LINES;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] run(char c, int n, String tail) {
    byte[] d = new byte[n + tail.length()];
    Arrays.fill(d, 0, n, (byte) c);
    System.arraycopy(b(tail), 0, d, n, tail.length());
    return d;
  }

  /**
   * The program and the unbounded java.util.regex search agree on every start/retry/anchoring of
   * {@code subject}.
   */
  private static void agree(String regex, int flags, String subject) {
    PcreProgram p = PcreProgram.of(regex, flags, RuleGuard.defaults());
    Pattern legacy = Pattern.compile(regex, flags);
    byte[] d = b(subject);
    for (int s = 0; s <= d.length; s++) {
      for (int from = s; from <= d.length; from++) {
        for (boolean anchored : new boolean[] {false, true}) {
          long want = org.vigil.testing.JavaRegexSearch.search(legacy, d, s, from, anchored);
          long got = p.search(d, 0, d.length, s, from, anchored);
          if (p instanceof Re2Program re2) {
            // the engine a search runs on when java.util.regex overruns its budget
            assertEquals(
                want,
                re2.searchRe2(d, 0, d.length, s, from, anchored),
                "RE2/J: /" + regex + "/ on '" + subject + "' subject " + s + " from " + from);
          }
          assertEquals(
              want,
              got,
              "/"
                  + regex
                  + "/ ("
                  + p.getClass().getSimpleName()
                  + ") on '"
                  + subject
                  + "' subject "
                  + s
                  + " from "
                  + from
                  + (anchored ? " anchored" : ""));
        }
      }
    }
  }

  @Test
  void regularPatternsRunOnRe2AndOthersOnTheBudgetedEngine() {
    RuleGuard g = RuleGuard.defaults();
    for (String re :
        List.of(
            "(a|a)*c",
            "(a*)*b",
            "^GET /[a-z]+\\.php$",
            "\\bfoo\\s+bar\\b",
            "[\\x{0}-\\x{1f}]{4}",
            "\\p{Alpha}+\\d")) {
      assertInstanceOf(Re2Program.class, PcreProgram.of(re, BASE, g), re);
    }
    for (String re :
        List.of("(a+)+\\1c", "foo(?=bar)", "(?<!x)y", "a*+b", "(?>a+)b", "a$|b", "(?m:a)")) {
      assertInstanceOf(BacktrackProgram.class, PcreProgram.of(re, BASE, g), re);
    }
    // Java folds ASCII only, RE2 all of Unicode: caseless non-ASCII stays on java.util.regex
    assertInstanceOf(
        BacktrackProgram.class, PcreProgram.of("\\x{e9}", BASE | Pattern.CASE_INSENSITIVE, g));
    assertInstanceOf(Re2Program.class, PcreProgram.of("\\x{e9}", BASE, g));
  }

  @Test
  void re2MatchesWhereJavaMatchesWithSubjectRetryAndAnchoring() {
    agree("^b", BASE, "aabbb");
    agree("\\Ab+", BASE, "abba");
    agree("\\bb", BASE, "ab b");
    agree("b\\B", BASE, "abb b");
    agree("(?m)^b", BASE | Pattern.MULTILINE, "a\nb\nb\n");
    agree("^$", BASE | Pattern.MULTILINE, "a\n\nb\n");
    agree("x$", BASE, "axx\n");
    agree("x$", BASE, "ax\nx");
    agree("(x|xy)\\Z", BASE, "xy\n");
    agree("a.c", BASE, "a\nc abc");
    agree("a.c", BASE | Pattern.DOTALL, "a\nc");
    agree("\\s\\S", BASE, "a\u000bb c");
    agree("[\\s,]+", BASE, "a,\u000b b");
    agree("ab+?", BASE, "abbb");
    agree("(?i)GET|post", BASE, "xPOST get");
    agree("[^a]b", BASE | Pattern.CASE_INSENSITIVE, "Ab ab cb");
    agree("\\p{Punct}\\p{XDigit}", BASE, "x!f;g");
    agree("", BASE, "ab");
    agree("a|", BASE, "ba");
  }

  @Test
  void multilineCaretPatternsTriedAtLineStartsOnlyFindTheSameMatches() {
    int ml = BASE | Pattern.MULTILINE;
    agree("^CWD\\s[^\\n]{3}", ml | Pattern.CASE_INSENSITIVE, "x\ncwd abcd\nCWD\nCWD xyz");
    agree("^ab", ml, "ab\nab\nxab\n\nab");
    agree("^a+b", ml, "aab\nb\naaab");
    agree("^$", ml, "\n\na\n");
    agree("^\\x41b?", ml, "A\nAb\n");
    agree("^(?:ab|b)c", ml, "abc\nbc\nc");
    agree("^a|b", ml, "cab\na");
    agree("^[|]x", ml, "a|x\n|x");
    agree("^(?<=\\n)a", ml, "a\na");
    // seeded random subjects over line ends, letters in both cases and spaces
    java.util.Random rnd = new java.util.Random(14);
    String alphabet = "aAb\n ";
    List<String> patterns =
        List.of("^a", "^ab", "^a b", "^[ab]", "^A\\s", "^\\n", "^$", "^b*a", "^.", "^a(?=b)");
    for (int round = 0; round < 60; round++) {
      StringBuilder sb = new StringBuilder();
      for (int i = rnd.nextInt(12); i > 0; i--) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String re = patterns.get(round % patterns.size());
      agree(re, ml, sb.toString());
      agree(re, ml | Pattern.CASE_INSENSITIVE, sb.toString());
    }
  }

  @Test
  void aLineAnchoredSearchOverALongSubjectFindsItsMatchAtTheEnd() {
    // many short lines, the only match on the last one: found, by either engine's answer
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("CWD x\r\n");
    }
    sb.append("cwd ").append("y".repeat(100));
    byte[] d = b(sb.toString());
    PcreProgram p =
        PcreProgram.of(
            "^CWD\\s[^\\n]{100}",
            BASE | Pattern.MULTILINE | Pattern.CASE_INSENSITIVE,
            RuleGuard.defaults());
    long r = p.search(d, 0, d.length, 0, 0, false);
    assertEquals(d.length - 104, PcreSupport.start(r));
    assertEquals(d.length, PcreSupport.end(r));
  }

  @Test
  void catastrophicShapesEndFastWithoutMatchOrWithTheMatch() {
    RuleGuard g = RuleGuard.defaults();
    byte[] as = run('a', 65536, "");
    assertEquals(
        PcreProgram.NO_MATCH,
        PcreProgram.of("(a|a)*c", BASE, g).search(as, 0, as.length, 0, 0, false));
    assertEquals(
        PcreProgram.NO_MATCH,
        PcreProgram.of("(a*)*b", BASE, g).search(as, 0, as.length, 0, 0, false));
    assertEquals(65536L, PcreProgram.of("(a|a)*a", BASE, g).search(as, 0, as.length, 0, 0, false));
    assertEquals(0, g.pcreLimitsExceeded());
    assertEquals(
        PcreProgram.LIMIT,
        PcreProgram.of("(a+)+\\1c", BASE, g).search(as, 0, as.length, 0, 0, false));
    assertEquals(1, g.pcreLimitsExceeded(), "the budget hit is counted");
    // a back reference that does match is found within budget
    byte[] m = b("xx abcabc yy");
    long r = PcreProgram.of("(abc)\\1", BASE, g).search(m, 0, m.length, 0, 0, false);
    assertEquals(3, PcreSupport.start(r));
    assertEquals(9, PcreSupport.end(r));
    assertEquals(1, g.pcreLimitsExceeded());
  }

  @Test
  void stackOverflowInTheBacktrackingEngineIsABudgetHit() {
    RuleGuard g = new RuleGuard(1_000_000, 1500);
    byte[] as = run('a', 200_000, "");
    // lookahead keeps it on java.util.regex, whose recursion per iteration of (a|b) overflows the
    // stack
    long r = PcreProgram.of("(?=a)(a|b)*c", BASE, g).search(as, 0, as.length, 0, 0, true);
    assertEquals(PcreProgram.LIMIT, r);
    assertEquals(1, g.pcreLimitsExceeded());
  }

  @Test
  void classesCompiledBeforeProgramsAreBoundedToo() {
    byte[] as = run('a', 65536, "");
    assertEquals(
        -1, PcreSupport.search(Pattern.compile("(a+)+\\1c", BASE), as, 0, as.length, 0, 0, false));
    assertEquals(
        -1, PcreSupport.search(Pattern.compile("(a|a)*c", BASE), as, 0, as.length, 0, 0, false));
  }

  @Test
  void limitsComeFromTheGuard() {
    RuleGuard small = new RuleGuard(10, 10);
    RuleGuard big = RuleGuard.defaults();
    assertTrue(small.startBudget() < big.startBudget());
    assertTrue(big.searchBudget(65536) > big.searchBudget(10));
    byte[] d = run('a', 300, "xaab");
    // a back-reference search failing at each of 300 start positions before it matches at the end:
    // ~300^2/2 reads, over a tiny search budget, well within the default
    assertEquals(
        PcreProgram.LIMIT,
        PcreProgram.of("(a)\\1+b", BASE, small).search(d, 0, d.length, 0, 0, false));
    assertEquals(1, small.pcreLimitsExceeded());
    assertEquals(
        ((long) 301 << 32) | 304,
        PcreProgram.of("(a)\\1+b", BASE, big).search(d, 0, d.length, 0, 0, false));
    assertEquals(0, big.pcreLimitsExceeded());
  }
}
