package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequiredLiteralTest {
  private static String run(String regex, int flags) {
    RequiredLiteral l = RequiredLiteral.of(Pattern.compile(regex, flags));
    return l == null ? null : new String(l.bytes, StandardCharsets.ISO_8859_1);
  }

  @Test
  void theLongestRunNoQuantifierMakesOptional() {
    assertEquals("abc", run("abc", 0));
    assertEquals("def", run("a(b|c)def", 0));
    assertEquals("cde", run("ab?cde", 0));
    assertEquals("xyz", run("[abc]+xyz+q", 0));
    assertEquals("/cgi-bin/", run("^\\/cgi-bin\\/[a-z]{3,}\\.php", 0));
    assertEquals("AB\r\n", run("\\x41\\x42\\r\\n\\d", 0));
    assertEquals("user", run("(?=x)USER\\s", Pattern.CASE_INSENSITIVE), "lower case when nocase");
    assertEquals("abc", run("x{0}abc(?:de)*", 0));
    assertEquals("ab", run("a*?ab{2}c?", 0));
    assertEquals("AB:", run("\\x{41}\\x{42}\\x{3a}", 0), "the translation's escapes");
    assertEquals("bc", run("a\\x{100}bc", 0), "a character past 0xff breaks the run");
  }

  @Test
  void aTranslatedPcreHasItsRun() {
    // the pcre translation gives every pattern UNIX_LINES, and the rules' m, s and i flags
    int pcre = Pattern.UNIX_LINES | Pattern.MULTILINE | Pattern.DOTALL | Pattern.CASE_INSENSITIVE;
    assertEquals("cwd", run("^CWD\\s[^\\n]{100}", pcre));
    assertEquals("rcpt to:", run("^RCPT TO\\x3a\\s[^\\n]{300}", pcre));
    assertEquals("host:", run("^Host\\x{3a}[^\\r\\n]+bag\\x{2e}r", pcre));
    assertEquals("/images", run("\\/images(?:\\/[a-zA-Z0-9_]+)+\\.gif$", Pattern.UNIX_LINES));
    assertNull(run("a b c", Pattern.UNIX_LINES | Pattern.COMMENTS));
  }

  @Test
  void whatItCannotReadHasNoRun() {
    assertNull(run("foo|barbaz", 0), "top-level alternation");
    assertNull(run("(?i)abc", 0), "inline flags");
    assertNull(run("(?<n>abc)def", 0), "named group");
    assertNull(run("\\Qabc\\E", 0));
    assertNull(run("(abc)\\1xyz", 0), "back reference");
    assertNull(run("a b c", Pattern.COMMENTS));
    assertNull(run("a.b", 0), "no run of two");
  }

  /**
   * Soundness: over random subjects made of the pattern's pieces and noise, every subject in which
   * the regex finds a match holds the run, and the RE2 program (whose search checks the run first)
   * answers as RE2/J alone.
   */
  @Test
  void noSubjectThatMatchesLacksTheRun() {
    String[] regexes = {
      "ab+c(d|e)f?gh",
      "x[ab]*yz{2,3}w",
      "^GET \\/[a-z]+\\.php\\?id=\\d+",
      "(?:ab)?cd(?=e)ef",
      "a\\x2fb\\.c",
      "q(?!r)rs*tu",
      "m{1}no+p",
      "(k(l)m)+nop",
      "^ab\\s[^\\n]{2}c$",
      "a\\x{2f}b\\x{2e}c",
      "^GET\\x{20}\\x{2f}[a-z]+\\x{2e}php",
    };
    String pieces = "abcdefghxyzwGET /.php?id=1230qrstumnopklAB\r\n \n";
    Random rnd = new Random(7);
    int matched = 0;
    for (String re : regexes) {
      for (int flags :
          new int[] {
            0,
            Pattern.CASE_INSENSITIVE,
            Pattern.UNIX_LINES | Pattern.MULTILINE | Pattern.DOTALL,
            Pattern.UNIX_LINES | Pattern.MULTILINE | Pattern.CASE_INSENSITIVE
          }) {
        Pattern p = Pattern.compile(re, flags);
        RequiredLiteral lit = RequiredLiteral.of(p);
        assertTrue(lit != null, re);
        Re2Syntax.Result r2 = Re2Syntax.translate(re, flags);
        Re2Program prog = r2 == null ? null : new Re2Program(r2.regex(), p, r2.endGroup(), null);
        for (int k = 0; k < 3000; k++) {
          StringBuilder sb = new StringBuilder();
          while (sb.length() < rnd.nextInt(30)) {
            if (rnd.nextInt(3) == 0) {
              String plain = re.replaceAll("[\\\\\\[\\](){}+*?^|!=:]", "");
              sb.append(plain, 0, 1 + rnd.nextInt(Math.min(6, plain.length())));
            } else {
              char c = pieces.charAt(rnd.nextInt(pieces.length()));
              sb.append(rnd.nextBoolean() ? Character.toUpperCase(c) : c);
            }
          }
          byte[] d = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
          int from = d.length == 0 ? 0 : rnd.nextInt(d.length + 1);
          Matcher m = p.matcher(sb.toString());
          m.region(from, d.length);
          if (m.find()) {
            matched++;
            assertTrue(RequiredLiteral.mayMatch(lit, d, 0, d.length, from), re + " on " + sb);
          }
          if (prog != null) {
            assertEquals(
                prog.searchRe2(d, 0, d.length, from, from, false),
                prog.search(d, 0, d.length, from, from, false),
                re + " on " + sb);
          }
        }
      }
    }
    assertTrue(matched > 500, "subjects must match often: " + matched);
  }
}
