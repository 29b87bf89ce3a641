package org.vigil.compiler.analysis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.PcreFlag;

/**
 * Translates a Snort pcre (PCRE syntax and flags) into a {@link java.util.regex.Pattern} source and
 * flags with the same meaning over bytes read as ISO-8859-1 characters. Constructs Java cannot
 * express (recursion, conditionals, branch reset, callouts, \K, \C, verbs, ...) are a {@link
 * BackendException} naming the construct.
 */
public final class PcreTranslator {
  private PcreTranslator() {}

  /**
   * A translated pcre: Java regex text, {@link Pattern} flags, and whether it is anchored (A flag).
   */
  public record Translated(String regex, int flags, boolean anchored) {
    /** Compiles the translation. */
    public Pattern compile() {
      return Pattern.compile(regex, flags);
    }
  }

  /** Translates {@code p}, checking that Java accepts the result. */
  public static Translated translate(Pcre p) {
    int flags = Pattern.UNIX_LINES;
    if (p.has(PcreFlag.CASELESS)) {
      flags |= Pattern.CASE_INSENSITIVE;
    }
    if (p.has(PcreFlag.DOTALL)) {
      flags |= Pattern.DOTALL;
    }
    boolean multiline = p.has(PcreFlag.MULTILINE);
    if (multiline) {
      flags |= Pattern.MULTILINE;
    }
    boolean extended = p.has(PcreFlag.EXTENDED);
    if (extended) {
      flags |= Pattern.COMMENTS;
    }
    String src =
        new String(p.regex().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    String out =
        new Rewriter(
                src,
                p,
                extended,
                p.has(PcreFlag.UNGREEDY),
                p.has(PcreFlag.DOLLAR_ENDONLY) && !multiline)
            .run();
    Translated t = new Translated(out, flags, p.has(PcreFlag.ANCHORED));
    try {
      t.compile();
    } catch (PatternSyntaxException e) {
      throw new BackendException(
          p.pos(),
          "pcre cannot be translated to a Java regex: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
    } catch (StackOverflowError e) {
      throw new BackendException(p.pos(), "pcre too deeply nested to translate");
    }
    return t;
  }

  private static final class Rewriter {
    private final String s;
    private final Pcre p;
    private final boolean extended;
    private final boolean ungreedy;
    private final boolean dollarEndOnly;
    private final StringBuilder o = new StringBuilder();
    private final Map<String, String> names = new HashMap<>();
    private int i;

    Rewriter(String s, Pcre p, boolean extended, boolean ungreedy, boolean dollarEndOnly) {
      this.s = s;
      this.p = p;
      this.extended = extended;
      this.ungreedy = ungreedy;
      this.dollarEndOnly = dollarEndOnly;
    }

    private BackendException fail(String construct) {
      return new BackendException(
          p.pos(), "pcre construct " + construct + " has no Java regex equivalent: rule skipped");
    }

    private String name(String pcreName) {
      return names.computeIfAbsent(
          pcreName, k -> "g" + (names.size() + 1) + k.replaceAll("[^A-Za-z0-9]", ""));
    }

    private String readName(char close) {
      int end = s.indexOf(close, i);
      if (end < 0) {
        throw fail("unterminated group name");
      }
      String n = s.substring(i, end);
      i = end + 1;
      return n;
    }

    String run() {
      if (s.startsWith("(*")) {
        throw fail("(*VERB) at the start of the pattern");
      }
      int n = s.length();
      while (i < n) {
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> escape(false);
          case '[' -> charClass();
          case '(' -> group();
          case '*', '+', '?' -> {
            o.append(c);
            i++;
            quantifierSuffix();
          }
          case '{' -> {
            int end = quantifierEnd(i);
            if (end < 0) {
              o.append("\\{");
              i++;
            } else {
              o.append(s, i, end + 1);
              i = end + 1;
              quantifierSuffix();
            }
          }
          case '$' -> {
            o.append(dollarEndOnly ? "\\z" : "$");
            i++;
          }
          case '#' -> {
            if (extended) {
              int nl = s.indexOf('\n', i);
              i = nl < 0 ? n : nl;
            } else {
              o.append(c);
              i++;
            }
          }
          default -> {
            o.append(c);
            i++;
          }
        }
      }
      return o.toString();
    }

    /** After a quantifier: G flips laziness; '+' (possessive) is kept. */
    private void quantifierSuffix() {
      boolean lazy = i < s.length() && s.charAt(i) == '?';
      boolean possessive = i < s.length() && s.charAt(i) == '+';
      if (possessive) {
        o.append('+');
        i++;
        return;
      }
      if (lazy) {
        i++;
      }
      if (lazy != ungreedy) {
        o.append('?');
      }
    }

    private int quantifierEnd(int at) {
      int j = at + 1;
      int digits = 0;
      while (j < s.length() && Character.isDigit(s.charAt(j))) {
        j++;
        digits++;
      }
      if (digits == 0) {
        return -1;
      }
      if (j < s.length() && s.charAt(j) == ',') {
        j++;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
          j++;
        }
      }
      return j < s.length() && s.charAt(j) == '}' ? j : -1;
    }

    private void escape(boolean inClass) {
      if (i + 1 >= s.length()) {
        throw fail("trailing backslash");
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'K' -> throw fail("\\K");
        case 'C' -> throw fail("\\C");
        case 'X', 'R' -> {
          if (inClass) {
            throw fail("\\" + e + " inside a character class");
          }
          o.append('\\').append(e);
        }
        case 'E' -> {}
        case 'Q' -> {
          int end = s.indexOf("\\E", i);
          String lit = end < 0 ? s.substring(i) : s.substring(i, end);
          i = end < 0 ? s.length() : end + 2;
          for (char ch : lit.toCharArray()) {
            hex(ch);
          }
        }
        case 'x' -> {
          if (i < s.length() && s.charAt(i) == '{') {
            int end = s.indexOf('}', i);
            if (end < 0) {
              throw fail("unterminated \\x{");
            }
            o.append("\\x").append(s, i, end + 1);
            i = end + 1;
          } else {
            int j = i;
            while (j < s.length() && j < i + 2 && Character.digit(s.charAt(j), 16) >= 0) {
              j++;
            }
            int v = j == i ? 0 : Integer.parseInt(s.substring(i, j), 16);
            i = j;
            hex((char) v);
          }
        }
        case '0' -> {
          int j = i;
          while (j < s.length() && j < i + 2 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            j++;
          }
          int v = j == i ? 0 : Integer.parseInt(s.substring(i, j), 8);
          i = j;
          hex((char) v);
        }
        case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
          int j = i;
          while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
          }
          String digits = e + s.substring(i, j);
          if (inClass
              || (digits.length() > 1 && digits.chars().allMatch(ch -> ch >= '0' && ch <= '7'))) {
            if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '7') || digits.length() > 3) {
              throw fail("\\" + digits + " (neither octal nor a back reference)");
            }
            i = j;
            hex((char) (Integer.parseInt(digits, 8) & 0xff));
          } else {
            if (digits.length() > 1) {
              throw fail("back reference \\" + digits);
            }
            o.append('\\').append(e);
          }
        }
        case 'g' -> {
          char open = i < s.length() ? s.charAt(i) : ' ';
          if (open == '{' || open == '<' || open == '\'') {
            i++;
            String ref = readName(open == '{' ? '}' : open == '<' ? '>' : '\'');
            if (ref.matches("-?\\d+")) {
              if (ref.startsWith("-")) {
                throw fail("relative back reference \\g{" + ref + "}");
              }
              if (open != '{') {
                throw fail("subroutine call \\g<" + ref + ">");
              }
              o.append("(?:\\").append(ref).append(')');
            } else {
              if (open != '{') {
                throw fail("subroutine call \\g<" + ref + ">");
              }
              o.append("\\k<").append(name(ref)).append('>');
            }
          } else {
            int j = i;
            if (j < s.length() && s.charAt(j) == '-') {
              throw fail("relative back reference \\g-n");
            }
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
              j++;
            }
            if (j == i) {
              throw fail("\\g");
            }
            o.append("(?:\\").append(s, i, j).append(')');
            i = j;
          }
        }
        case 'k' -> {
          char open = i < s.length() ? s.charAt(i) : ' ';
          if (open != '{' && open != '<' && open != '\'') {
            throw fail("\\k");
          }
          i++;
          String ref = readName(open == '{' ? '}' : open == '<' ? '>' : '\'');
          o.append("\\k<").append(name(ref)).append('>');
        }
        case 'N' -> {
          if (inClass) {
            throw fail("\\N inside a character class");
          }
          o.append("[^\\n]");
        }
        default -> {
          if (Character.isLetterOrDigit(e) && "dDsSwWbBAZzGhHvVpPfnrtaec".indexOf(e) < 0) {
            throw fail("\\" + e);
          }
          if (e == 'c') {
            if (i >= s.length()) {
              throw fail("\\c at the end");
            }
            o.append("\\c").append(s.charAt(i));
            i++;
          } else if ((e == 'p' || e == 'P') && i < s.length() && s.charAt(i) != '{') {
            o.append('\\').append(e).append(s.charAt(i));
            i++;
          } else if (inClass && e == 'b') {
            o.append("\\x08");
          } else if (Character.isLetterOrDigit(e)) {
            o.append('\\').append(e);
          } else {
            hex(e);
          }
        }
      }
    }

    private void hex(char ch) {
      o.append(String.format("\\x{%x}", (int) ch));
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
          throw fail("unterminated character class");
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
        } else if (c == '['
            && i + 1 < s.length()
            && (s.charAt(i + 1) == ':' || s.charAt(i + 1) == '.' || s.charAt(i + 1) == '=')) {
          int end = s.indexOf(s.charAt(i + 1) + "]", i + 2);
          if (end < 0 || s.charAt(i + 1) != ':') {
            throw fail("POSIX collating element " + s.substring(i, Math.min(s.length(), i + 8)));
          }
          String cls = s.substring(i + 2, end);
          boolean neg = cls.startsWith("^");
          if (neg) {
            cls = cls.substring(1);
          }
          String java =
              switch (cls) {
                case "alpha" -> "Alpha";
                case "digit" -> "Digit";
                case "alnum" -> "Alnum";
                case "upper" -> "Upper";
                case "lower" -> "Lower";
                case "space" -> "Space";
                case "punct" -> "Punct";
                case "print" -> "Print";
                case "graph" -> "Graph";
                case "cntrl" -> "Cntrl";
                case "xdigit" -> "XDigit";
                case "blank" -> "Blank";
                case "ascii" -> "ASCII";
                case "word" -> null;
                default -> throw fail("POSIX class [:" + cls + ":]");
              };
          o.append(java == null ? (neg ? "\\W" : "\\w") : (neg ? "\\P{" : "\\p{") + java + "}");
          i = end + 2;
        } else if (c == '['
            || c == '&'
            || c == '#'
            || (extended && Character.isWhitespace(c))
            || c == '{'
            || c == '}') {
          hex(c);
          i++;
        } else {
          o.append(c);
          i++;
        }
      }
    }

    private void group() {
      if (i + 1 < s.length() && s.charAt(i + 1) == '*') {
        throw fail("(*VERB)");
      }
      if (i + 1 >= s.length() || s.charAt(i + 1) != '?') {
        o.append('(');
        i++;
        return;
      }
      String rest = s.substring(i + 2);
      if (rest.startsWith("#")) {
        int end = s.indexOf(')', i);
        if (end < 0) {
          throw fail("unterminated (?# comment");
        }
        i = end + 1;
        return;
      }
      if (rest.startsWith("P<")) {
        i += 4;
        o.append("(?<").append(name(readName('>'))).append('>');
      } else if (rest.startsWith("P=")) {
        i += 4;
        String ref = readName(')');
        o.append("\\k<").append(name(ref)).append('>');
      } else if (rest.startsWith("P>") || rest.startsWith("&")) {
        throw fail("subroutine call (?" + rest.charAt(0) + "...)");
      } else if (rest.startsWith("<")
          && rest.length() > 1
          && rest.charAt(1) != '='
          && rest.charAt(1) != '!') {
        i += 3;
        o.append("(?<").append(name(readName('>'))).append('>');
      } else if (rest.startsWith("'")) {
        i += 3;
        o.append("(?<").append(name(readName('\''))).append('>');
      } else if (rest.startsWith("|")) {
        throw fail("branch reset (?|...)");
      } else if (rest.startsWith("(")) {
        throw fail("conditional (?(...)...)");
      } else if (rest.startsWith("R") || rest.matches("(?s)^[+-]?\\d.*")) {
        throw fail("recursion (?" + rest.charAt(0) + ")");
      } else if (rest.startsWith("C")) {
        throw fail("callout (?C)");
      } else if (rest.startsWith(":")
          || rest.startsWith("=")
          || rest.startsWith("!")
          || rest.startsWith("<=")
          || rest.startsWith("<!")
          || rest.startsWith(">")) {
        o.append("(?");
        i += 2;
      } else {
        // inline option setting (?imsx-imsx) or (?imsx:...)
        int j = i + 2;
        while (j < s.length() && "imsxJUX-".indexOf(s.charAt(j)) >= 0) {
          char f = s.charAt(j);
          if (f == 'J' || f == 'U' || f == 'X') {
            throw fail("inline option (?" + f + ")");
          }
          j++;
        }
        if (j >= s.length() || (s.charAt(j) != ')' && s.charAt(j) != ':')) {
          throw fail("group (?" + rest.substring(0, Math.min(rest.length(), 3)) + "...");
        }
        o.append(s, i, j);
        i = j;
      }
    }
  }
}
