package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LineAnchorTest {
  private static final int ML = Pattern.UNIX_LINES | Pattern.MULTILINE;

  private static LineAnchor of(String re, int flags) {
    return LineAnchor.of(Pattern.compile(re, flags));
  }

  private static void prefix(String want, String re, int flags) {
    LineAnchor a = of(re, flags);
    assertNotNull(a, re);
    assertArrayEquals(want.getBytes(StandardCharsets.ISO_8859_1), a.prefix, re);
  }

  @Test
  void theLiteralsAfterTheCaretStartEveryMatch() {
    prefix("cwd", "^CWD\\s[^\\n]{100}", ML | Pattern.CASE_INSENSITIVE);
    prefix("rcpt to:", "^RCPT TO\\x3a\\s[^\\n]{300}", ML | Pattern.CASE_INSENSITIVE);
    prefix("RETR", "^RETR\\s", ML);
    prefix("user ~/", "^USER\\x{20}\\x{7e}\\x{2F}[^\\n]", ML | Pattern.CASE_INSENSITIVE);
    prefix("a", "^a\\x{100}", ML);
    prefix("a", "^ab+c", ML);
    prefix("", "^b*a", ML);
    prefix("", "^[|]a", ML);
    prefix("a.\n", "^a\\.\\n(x)", ML);
    assertEquals(true, of("^AB", ML | Pattern.CASE_INSENSITIVE).nocase);
  }

  @Test
  void patternsWhoseMatchesMayStartAnywhereHaveNoAnchor() {
    assertNull(of("^ab", Pattern.UNIX_LINES), "a caret without multiline is the text start");
    assertNull(of("^ab", Pattern.MULTILINE), "other line ends than \\n");
    assertNull(of("(?m)^a", ML), "the caret is not the first character");
    assertNull(of("x^a", ML));
    assertNull(of("^a|b", ML), "top-level alternation");
    assertNull(of("^(a)|(b)", ML));
    assertNull(of("^\\Qa|b\\E", ML));
    assertNull(of("^ a", ML | Pattern.COMMENTS));
  }
}
