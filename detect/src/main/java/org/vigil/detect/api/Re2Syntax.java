package org.vigil.detect.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rewrites a java.util.regex pattern (as the pcre translator writes it, over ISO-8859-1 characters)
 * into RE2 syntax with the same matches, or answers null when the pattern uses a construct RE2
 * lacks or treats differently:
 *
 * <ul>
 *   <li>back references, lookaround, atomic groups, possessive quantifiers, {@code \G}, {@code \R},
 *       {@code \X}, {@code \h}, {@code \v} (vertical space in Java), comments mode, inline {@code
 *       m}/{@code x};
 *   <li>case-insensitive patterns naming a non-ASCII character (Java folds ASCII only, RE2 Unicode)
 *       or {@code \p{Lower}}/{@code \p{Upper}};
 *   <li>a non-multiline {@code $} or {@code \Z} anywhere but at the end of a pattern without a
 *       top-level alternative.
 * </ul>
 *
 * {@code \s} becomes {@code [[:space:]]} (Java's includes VT, RE2's {@code \s} does not), POSIX
 * {@code \p{Name}} becomes {@code [:name:]}, named groups plain groups, {@code \e} and {@code \cX}
 * hex escapes. A final Java {@code $} (end, or before a final newline) becomes {@code (X)\n?\z}
 * with the match ending where group 1 ends.
 */
final class Re2Syntax {
  private Re2Syntax() {}

  /**
   * The RE2 text; the group whose end is the match end (0 or 1); whether a multiline {@code ^}
   * occurs (RE2 also matches it after a final newline, PCRE and Java do not).
   */
  record Result(String regex, int endGroup, boolean multilineCaret) {}

  /** The RE2 form of {@code regex} with java.util.regex {@code flags}, or null. */
  static Result translate(String regex, int flags) {
    if ((flags & Pattern.COMMENTS) != 0
        || (flags
                & ~(Pattern.UNIX_LINES
                    | Pattern.CASE_INSENSITIVE
                    | Pattern.DOTALL
                    | Pattern.MULTILINE
                    | Pattern.COMMENTS))
            != 0
        || (flags & Pattern.UNIX_LINES) == 0) {
      return null;
    }
    try {
      return new Re2Syntax.Writer(regex, flags).run();
    } catch (Unsupported u) {
      return null;
    }
  }

  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final class Writer {
    private final String s;
    private final boolean multiline;
    private boolean caseless;
    private boolean nonAscii;
    private boolean caseClass;
    private boolean caret;
    private boolean endAssert;
    private boolean topAlternative;
    private int depth;
    private int i;
    private final StringBuilder o = new StringBuilder();

    Writer(String s, int flags) {
      this.s = s;
      this.multiline = (flags & Pattern.MULTILINE) != 0;
      this.caseless = (flags & Pattern.CASE_INSENSITIVE) != 0;
      if (caseless) {
        o.append("(?i)");
      }
      if ((flags & Pattern.DOTALL) != 0) {
        o.append("(?s)");
      }
      if (multiline) {
        o.append("(?m)");
      }
    }

    Result run() {
      int prefix = o.length();
      int n = s.length();
      while (i < n) {
        if (endAssert) {
          throw new Unsupported();
        }
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> escape(false);
          case '[' -> charClass();
          case '(' -> group();
          case ')' -> {
            depth--;
            o.append(c);
            i++;
          }
          case '|' -> {
            if (depth == 0) {
              topAlternative = true;
            }
            o.append(c);
            i++;
          }
          case '*', '+', '?' -> {
            o.append(c);
            i++;
            quantifierSuffix();
          }
          case '{' -> {
            int end = s.indexOf('}', i);
            if (end < 0 || !s.substring(i + 1, end).matches("\\d+(,\\d*)?")) {
              throw new Unsupported();
            }
            for (String part : s.substring(i + 1, end).split(",")) {
              if (!part.isEmpty() && (part.length() > 4 || Integer.parseInt(part) > 1000)) {
                throw new Unsupported();
              }
            }
            o.append(s, i, end + 1);
            i = end + 1;
            quantifierSuffix();
          }
          case '$' -> {
            i++;
            dollar();
          }
          case '^' -> {
            caret |= multiline;
            o.append(c);
            i++;
          }
          default -> {
            literal(c);
            i++;
          }
        }
      }
      if (caseless && (nonAscii || caseClass)) {
        throw new Unsupported();
      }
      if (endAssert) {
        if (topAlternative || depth != 0) {
          throw new Unsupported();
        }
        String body = o.substring(prefix);
        return new Result(o.substring(0, prefix) + "(" + body + ")\\n?\\z", 1, caret);
      }
      return new Result(o.toString(), 0, caret);
    }

    private void dollar() {
      if (multiline) {
        o.append('$');
      } else {
        endAssert = true;
      }
    }

    private void literal(char c) {
      if (c >= 0x80) {
        nonAscii = true;
        hex(c);
      } else {
        o.append(c);
      }
    }

    private void hex(int c) {
      if (c >= 0x80) {
        nonAscii = true;
      }
      o.append("\\x{").append(Integer.toHexString(c)).append('}');
    }

    private void quantifierSuffix() {
      if (i < s.length() && s.charAt(i) == '+') {
        throw new Unsupported();
      }
      if (i < s.length() && s.charAt(i) == '?') {
        o.append('?');
        i++;
      }
    }

    private void group() {
      depth++;
      if (i + 1 >= s.length() || s.charAt(i + 1) != '?') {
        o.append('(');
        i++;
        return;
      }
      String rest = s.substring(i + 2);
      if (rest.startsWith(":")) {
        o.append("(?:");
        i += 3;
      } else if (rest.startsWith("<") && rest.length() > 1 && Character.isLetter(rest.charAt(1))) {
        int end = s.indexOf('>', i);
        if (end < 0) {
          throw new Unsupported();
        }
        o.append('(');
        i = end + 1;
      } else {
        int j = i + 2;
        while (j < s.length() && "ims-".indexOf(s.charAt(j)) >= 0) {
          j++;
        }
        if (j == i + 2 || j >= s.length() || (s.charAt(j) != ')' && s.charAt(j) != ':')) {
          throw new Unsupported();
        }
        String f = s.substring(i + 2, j);
        if (f.indexOf('m') >= 0 || f.endsWith("-")) {
          throw new Unsupported();
        }
        int minus = f.indexOf('-');
        if (f.substring(0, minus < 0 ? f.length() : minus).indexOf('i') >= 0) {
          caseless = true;
        }
        if (s.charAt(j) == ')') {
          // (?flags) applies to the rest of the enclosing group: not a group itself
          depth--;
        }
        o.append(s, i, j + 1);
        i = j + 1;
      }
    }

    private void escape(boolean inClass) {
      if (i + 1 >= s.length()) {
        throw new Unsupported();
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'x' -> {
          int v;
          if (i < s.length() && s.charAt(i) == '{') {
            int end = s.indexOf('}', i);
            if (end < 0) {
              throw new Unsupported();
            }
            v = Integer.parseInt(s.substring(i + 1, end), 16);
            i = end + 1;
          } else {
            if (i + 2 > s.length()) {
              throw new Unsupported();
            }
            v = Integer.parseInt(s.substring(i, i + 2), 16);
            i += 2;
          }
          hex(v);
        }
        case 'd', 'D', 'w', 'W', 'f', 'n', 'r', 't', 'a' -> o.append('\\').append(e);
        case 'b', 'B', 'A', 'z' -> {
          if (inClass) {
            throw new Unsupported();
          }
          o.append('\\').append(e);
        }
        case 'Z' -> {
          if (inClass) {
            throw new Unsupported();
          }
          endAssert = true;
        }
        case 's' -> o.append(inClass ? "[:space:]" : "[[:space:]]");
        case 'S' -> o.append(inClass ? "[:^space:]" : "[[:^space:]]");
        case 'e' -> hex(0x1b);
        case 'c' -> {
          if (i >= s.length()) {
            throw new Unsupported();
          }
          hex(s.charAt(i) ^ 0x40);
          i++;
        }
        case 'p', 'P' -> posix(e == 'P', inClass);
        default -> {
          if (Character.isLetterOrDigit(e)) {
            throw new Unsupported();
          }
          if (e >= 0x80) {
            hex(e);
          } else {
            o.append('\\').append(e);
          }
        }
      }
    }

    private void posix(boolean negated, boolean inClass) {
      String name;
      if (i < s.length() && s.charAt(i) == '{') {
        int end = s.indexOf('}', i);
        if (end < 0) {
          throw new Unsupported();
        }
        name = s.substring(i + 1, end);
        i = end + 1;
      } else if (i < s.length()) {
        name = s.substring(i, i + 1);
        i++;
      } else {
        throw new Unsupported();
      }
      if (name.startsWith("Is")) {
        name = name.substring(2);
      }
      String re2 =
          switch (name) {
            case "Alpha", "Digit", "Alnum", "Punct", "Print", "Graph", "Cntrl", "Space", "Blank" ->
                name.toLowerCase(Locale.ROOT);
            case "XDigit" -> "xdigit";
            case "ASCII" -> "ascii";
            case "Lower", "Upper" -> {
              caseClass = true;
              yield name.toLowerCase(Locale.ROOT);
            }
            default -> throw new Unsupported();
          };
      String cls = "[:" + (negated ? "^" : "") + re2 + ":]";
      o.append(inClass ? cls : "[" + cls + "]");
    }

    private void charClass() {
      o.append('[');
      i++;
      if (i < s.length() && s.charAt(i) == '^') {
        o.append('^');
        i++;
      }
      boolean first = true;
      while (true) {
        if (i >= s.length()) {
          throw new Unsupported();
        }
        char c = s.charAt(i);
        if (c == ']' && !first) {
          o.append(']');
          i++;
          return;
        }
        first = false;
        if (c == '\\') {
          escape(true);
        } else if (c == '[' || c == '&') {
          // Java nests and intersects classes; the translator escapes both, so these are not its
          // output
          throw new Unsupported();
        } else if (c >= 0x80) {
          hex(c);
          i++;
        } else {
          o.append(c);
          i++;
        }
      }
    }
  }
}
