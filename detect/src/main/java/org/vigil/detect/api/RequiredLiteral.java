package org.vigil.detect.api;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

/**
 * A run of bytes that every match of a java.util.regex pattern contains, found by reading the
 * pattern's top-level sequence: literal characters (plain, escaped punctuation, {@code \xHH},
 * {@code \x{h..h}}, {@code \n}-style escapes) that no quantifier makes optional. A subject without
 * the run cannot match, so a search can end after one {@link Primitives#find} of it. The reading is
 * conservative: a pattern with top-level alternation, inline flags, named groups, back references,
 * {@code \Q}, comments mode or any syntax it does not know has no run; groups, classes and
 * lookarounds are skipped as atoms that break a run.
 */
final class RequiredLiteral {
  /** Runs shorter than this are not worth a search before the regex. */
  static final int MIN_LENGTH = 2;

  /**
   * Flags the reading knows: none changes which literal characters a match holds (UNIX_LINES, which
   * every translated pcre has, only changes what {@code .}, {@code ^} and {@code $} take as a line
   * end).
   */
  private static final int KNOWN_FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL | Pattern.MULTILINE | Pattern.UNIX_LINES;

  /** The run's bytes, ASCII lower case when {@link #nocase}. */
  final byte[] bytes;

  /** The pattern is case-insensitive (US-ASCII): the run is searched with {@code nocase}. */
  final boolean nocase;

  private RequiredLiteral(byte[] bytes, boolean nocase) {
    this.bytes = bytes;
    this.nocase = nocase;
  }

  /**
   * True when {@code data[base + from .. base + len)} may hold a match: it holds the run, or there
   * is no run.
   */
  static boolean mayMatch(RequiredLiteral literal, byte[] data, int base, int len, int from) {
    return literal == null
        || Primitives.find(data, base, from, len, literal.bytes, literal.nocase) >= 0;
  }

  /** The longest required run of {@code pattern} (first of equals), or null. */
  static RequiredLiteral of(Pattern pattern) {
    int flags = pattern.flags();
    if ((flags & ~KNOWN_FLAGS) != 0) {
      return null;
    }
    boolean nocase = (flags & Pattern.CASE_INSENSITIVE) != 0;
    String re = pattern.pattern();
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    byte[] best = new byte[0];
    int n = re.length();
    int i = 0;
    while (i < n) {
      char c = re.charAt(i);
      int lit = -1;
      int j;
      switch (c) {
        case '|', ')', '*', '+', '?', '{' -> {
          return null;
        }
        case '(' -> {
          if (re.startsWith("(?", i) && !groupKnown(re, i)) {
            return null;
          }
          j = skipGroup(re, i);
        }
        case '[' -> j = skipClass(re, i);
        case '.', '^', '$' -> j = i + 1;
        case '\\' -> {
          if (i + 1 >= n) {
            return null;
          }
          char e = re.charAt(i + 1);
          j = i + 2;
          if (e == 'x' && i + 2 < n && re.charAt(i + 2) == '{') {
            // \x{h..h}, as the pcre translation writes every escaped byte; a character past 0xff
            // is an atom that breaks a run
            int close = re.indexOf('}', i + 3);
            if (close < 0 || close == i + 3 || close - (i + 3) > 6) {
              return null;
            }
            int v = 0;
            for (int k = i + 3; k < close; k++) {
              if (hex(re.charAt(k)) < 0) {
                return null;
              }
              v = v * 16 + hex(re.charAt(k));
            }
            lit = v <= 0xff ? v : -1;
            j = close + 1;
          } else if (e == 'x') {
            if (i + 4 > n || hex(re.charAt(i + 2)) < 0 || hex(re.charAt(i + 3)) < 0) {
              return null;
            }
            lit = hex(re.charAt(i + 2)) * 16 + hex(re.charAt(i + 3));
            j = i + 4;
          } else if ("nrtfae".indexOf(e) >= 0) {
            lit = "\n\r\t\f\u0007\u001b".charAt("nrtfae".indexOf(e));
          } else if ("dDsSwWbBAzZGhHvV".indexOf(e) >= 0) {
            lit = -1; // a class or an assertion
          } else if (e < 0x80 && !Character.isLetterOrDigit(e)) {
            lit = e;
          } else {
            return null;
          }
        }
        default -> {
          if (c > 0xff) {
            return null;
          }
          lit = c;
          j = i + 1;
        }
      }
      if (j < 0) {
        return null;
      }
      // a quantifier on the atom: optional (min 0) drops it, a repeat keeps it and ends the run
      int min = 1;
      boolean repeats = false;
      boolean quantified = true;
      char q = j < n ? re.charAt(j) : 0;
      if (q == '*' || q == '?') {
        min = 0;
        j++;
      } else if (q == '+') {
        repeats = true;
        j++;
      } else if (q == '{') {
        int close = re.indexOf('}', j);
        if (close < 0 || !re.substring(j + 1, close).matches("\\d{1,5}(,\\d{0,5})?")) {
          return null;
        }
        String[] bounds = re.substring(j + 1, close).split(",", -1);
        min = Integer.parseInt(bounds[0]);
        repeats = !(bounds.length == 1 && min == 1);
        j = close + 1;
      } else {
        quantified = false;
      }
      if (quantified && j < n && (re.charAt(j) == '?' || re.charAt(j) == '+')) {
        j++; // lazy or possessive
      }
      if (lit >= 0 && min >= 1 && !(nocase && lit >= 0x80)) {
        run.write(nocase ? Primitives.lower((byte) lit) : lit);
        if (repeats) {
          best = longer(best, run);
        }
      } else {
        best = longer(best, run);
      }
      i = j;
    }
    best = longer(best, run);
    return best.length >= MIN_LENGTH ? new RequiredLiteral(best, nocase) : null;
  }

  /** {@code best} or the run when longer; the run is emptied. */
  private static byte[] longer(byte[] best, ByteArrayOutputStream run) {
    byte[] r = run.toByteArray();
    run.reset();
    return r.length > best.length ? r : best;
  }

  /** A {@code (?} group whose kind is known: non-capturing, lookaround, atomic. */
  private static boolean groupKnown(String re, int i) {
    for (String g : new String[] {"(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"}) {
      if (re.startsWith(g, i)) {
        return true;
      }
    }
    return false;
  }

  /** The index after the group opening at {@code i}, or -1. */
  private static int skipGroup(String re, int i) {
    int depth = 0;
    for (int k = i; k < re.length(); k++) {
      char c = re.charAt(k);
      if (c == '\\') {
        if (k + 1 < re.length() && re.charAt(k + 1) == 'Q') {
          return -1;
        }
        k++;
      } else if (c == '[') {
        k = skipClass(re, k);
        if (k < 0) {
          return -1;
        }
        k--;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return k + 1;
      }
    }
    return -1;
  }

  /** The index after the character class opening at {@code i}, or -1. */
  private static int skipClass(String re, int i) {
    int k = i + 1;
    if (k < re.length() && re.charAt(k) == '^') {
      k++;
    }
    if (k < re.length() && re.charAt(k) == ']') {
      return -1; // a leading ']': left to the regex
    }
    int depth = 1;
    for (; k < re.length(); k++) {
      char c = re.charAt(k);
      if (c == '\\') {
        if (k + 1 < re.length() && re.charAt(k + 1) == 'Q') {
          return -1;
        }
        k++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return k + 1;
      }
    }
    return -1;
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
