package org.vigil.detect.api;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

/**
 * The start positions a multiline pattern that begins with {@code ^} can match at: java.util.regex
 * (with {@link Pattern#UNIX_LINES}) lets such a {@code ^} match only at the start of the text or
 * after a {@code \n}, and never at the end of the text, yet its {@code find()} tries every
 * position. A search over these positions alone, each tried with {@code lookingAt()}, finds the
 * same first match. The literal bytes that directly follow the {@code ^} (no quantifier on them)
 * narrow the positions further: a match starts with them.
 *
 * <p>The reading is conservative: a pattern whose first character is not {@code ^}, that has a
 * top-level alternation, comments mode or {@code \Q}, or a {@code ^} followed by a quantifier has
 * no anchor.
 */
final class LineAnchor {
  /** The bytes every match starts with (ASCII lower case when {@link #nocase}); may be empty. */
  final byte[] prefix;

  /** The pattern is case-insensitive (US-ASCII): the prefix is compared folded. */
  final boolean nocase;

  private LineAnchor(byte[] prefix, boolean nocase) {
    this.prefix = prefix;
    this.nocase = nocase;
  }

  /** The anchor of {@code pattern}, or null when its matches may start anywhere. */
  static LineAnchor of(Pattern pattern) {
    int flags = pattern.flags();
    int needed = Pattern.MULTILINE | Pattern.UNIX_LINES;
    if ((flags & needed) != needed || (flags & (Pattern.COMMENTS | Pattern.LITERAL)) != 0) {
      return null;
    }
    String re = pattern.pattern();
    if (re.length() < 2 || re.charAt(0) != '^' || "*+?{".indexOf(re.charAt(1)) >= 0) {
      return null;
    }
    if (re.contains("\\Q") || topLevelAlternation(re)) {
      return null;
    }
    boolean nocase = (flags & Pattern.CASE_INSENSITIVE) != 0;
    return new LineAnchor(prefix(re, nocase), nocase);
  }

  /** True when {@code re} has a {@code |} outside every group and character class. */
  private static boolean topLevelAlternation(String re) {
    int depth = 0;
    int classes = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        classes++;
      } else if (c == ']' && classes > 0) {
        classes--;
      } else if (classes == 0 && c == '(') {
        depth++;
      } else if (classes == 0 && c == ')') {
        depth--;
      } else if (classes == 0 && depth == 0 && c == '|') {
        return true;
      }
    }
    return classes != 0 || depth != 0;
  }

  /**
   * The literal characters right after the leading {@code ^}, up to the first character that is not
   * a plain literal or carries a quantifier.
   */
  private static byte[] prefix(String re, boolean nocase) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 1;
    int n = re.length();
    while (i < n) {
      char c = re.charAt(i);
      int lit;
      int j;
      if (c == '\\') {
        if (i + 1 >= n) {
          break;
        }
        char e = re.charAt(i + 1);
        if (e == 'x' && i + 2 < n && re.charAt(i + 2) == '{') {
          // \x{h..h}, as the pcre translation writes every escaped byte
          int close = re.indexOf('}', i + 3);
          if (close < 0 || close == i + 3 || close - (i + 3) > 2) {
            break; // none, or a character past 0xff
          }
          lit = 0;
          for (int k = i + 3; k < close && lit >= 0; k++) {
            lit = hex(re.charAt(k)) < 0 ? -1 : lit * 16 + hex(re.charAt(k));
          }
          if (lit < 0) {
            break;
          }
          j = close + 1;
        } else if (e == 'x'
            && i + 3 < n
            && hex(re.charAt(i + 2)) >= 0
            && hex(re.charAt(i + 3)) >= 0) {
          lit = hex(re.charAt(i + 2)) * 16 + hex(re.charAt(i + 3));
          j = i + 4;
        } else if ("nrtfae".indexOf(e) >= 0) {
          lit = "\n\r\t\f\u0007\u001b".charAt("nrtfae".indexOf(e));
          j = i + 2;
        } else if (e < 0x80 && !Character.isLetterOrDigit(e)) {
          lit = e;
          j = i + 2;
        } else {
          break;
        }
      } else if ("^$.|?*+()[]{}".indexOf(c) >= 0 || c > 0xff) {
        break;
      } else {
        lit = c;
        j = i + 1;
      }
      if (j < n && "*+?{".indexOf(re.charAt(j)) >= 0) {
        break; // a quantified atom: the prefix ends before it
      }
      if (nocase && lit >= 0x80) {
        break;
      }
      out.write(nocase ? Primitives.lower((byte) lit) : lit);
      i = j;
    }
    return out.toByteArray();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
