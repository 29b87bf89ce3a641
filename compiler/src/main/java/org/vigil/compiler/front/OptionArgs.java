package org.vigil.compiler.front;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.grammar.SnortLexer;

/**
 * The value of one rule option as the lexer tokenized it, with the helpers keyword parsers use:
 * splitting on commas, reading numbers and words, decoding quoted strings, and positions for
 * diagnostics.
 */
public final class OptionArgs {
  private final String keyword;
  private final SourcePos keywordPos;
  private final List<Token> tokens;
  private final String file;

  /**
   * The value {@code tokens} (possibly empty) of option {@code keyword} written at {@code
   * keywordPos}.
   */
  public OptionArgs(String keyword, SourcePos keywordPos, List<Token> tokens, String file) {
    this.keyword = keyword;
    this.keywordPos = keywordPos;
    this.tokens = tokens;
    this.file = file;
  }

  /** The option keyword. */
  public String keyword() {
    return keyword;
  }

  /** Where the keyword was written. */
  public SourcePos keywordPos() {
    return keywordPos;
  }

  /** The value tokens. */
  public List<Token> tokens() {
    return tokens;
  }

  /** True when the option has no value. */
  public boolean isEmpty() {
    return tokens.isEmpty();
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** Token {@code i}. */
  public Token get(int i) {
    return tokens.get(i);
  }

  /** Type of token {@code i}, or EOF past the end. */
  public int type(int i) {
    return i < tokens.size() ? tokens.get(i).getType() : Token.EOF;
  }

  /** Position of the value (its first token), or of the keyword when the value is empty. */
  public SourcePos pos() {
    return tokens.isEmpty() ? keywordPos : posOf(tokens.get(0));
  }

  /** Position of a token. */
  public SourcePos posOf(Token t) {
    return new SourcePos(file, t.getLine(), t.getCharPositionInLine() + 1);
  }

  /** The value as written (from its first to its last token, inner spacing kept), trimmed. */
  public String text() {
    if (tokens.isEmpty()) {
      return "";
    }
    Token a = tokens.get(0);
    Token b = tokens.get(tokens.size() - 1);
    return a.getInputStream().getText(Interval.of(a.getStartIndex(), b.getStopIndex())).strip();
  }

  /** A sub-range of the tokens as its own value (empty when the range is past the end). */
  public OptionArgs slice(int from, int to) {
    from = Math.min(from, tokens.size());
    to = Math.max(from, Math.min(to, tokens.size()));
    return new OptionArgs(
        keyword, tokens.isEmpty() ? keywordPos : pos(from), tokens.subList(from, to), file);
  }

  private SourcePos pos(int i) {
    return i < tokens.size() ? posOf(tokens.get(i)) : keywordPos;
  }

  /** The value split at top-level commas; an empty value gives one empty part. */
  public List<OptionArgs> split() {
    List<OptionArgs> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).getType() == SnortLexer.COMMA) {
        parts.add(part(start, i));
        start = i + 1;
      }
    }
    parts.add(part(start, tokens.size()));
    return parts;
  }

  /** The value split at top-level commas and at tokens of type {@code alsoAt} (ssl_state's '|'). */
  public List<OptionArgs> split(int alsoAt) {
    List<OptionArgs> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < tokens.size(); i++) {
      int t = tokens.get(i).getType();
      if (t == SnortLexer.COMMA || t == alsoAt) {
        parts.add(part(start, i));
        start = i + 1;
      }
    }
    parts.add(part(start, tokens.size()));
    return parts;
  }

  private OptionArgs part(int from, int to) {
    SourcePos p =
        from < tokens.size() ? posOf(tokens.get(from)) : (tokens.isEmpty() ? keywordPos : endPos());
    return new OptionArgs(keyword, p, tokens.subList(from, to), file);
  }

  private SourcePos endPos() {
    Token t = tokens.get(tokens.size() - 1);
    return new SourcePos(file, t.getLine(), t.getCharPositionInLine() + 1 + t.getText().length());
  }

  /** A rejection of this value. */
  public RuleException error(String message) {
    return new RuleException(pos(), "invalid " + keyword + " value", keyword + ": " + message);
  }

  /** A rejection pointing at token {@code i}. */
  public RuleException errorAt(int i, String message) {
    return new RuleException(pos(i), "invalid " + keyword + " value", keyword + ": " + message);
  }

  /** Fails unless the option has no value. */
  public void requireEmpty() {
    if (!tokens.isEmpty()) {
      throw error("takes no value, found '" + text() + "'");
    }
  }

  /** Fails when the option has no value. */
  public void requireValue() {
    if (tokens.isEmpty()) {
      throw new RuleException(
          keywordPos, "invalid " + keyword + " value", keyword + ": a value is required");
    }
  }

  /** The value as one (optionally signed) integer. */
  public long number(String what) {
    return number(what, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The value as one (optionally signed, decimal or 0x hex) integer within [min, max]. */
  public long number(String what, long min, long max) {
    if (tokens.isEmpty()) {
      throw error(what + " is missing");
    }
    int i = 0;
    boolean neg = false;
    if (type(0) == SnortLexer.MINUS) {
      neg = true;
      i = 1;
    } else if (type(0) == SnortLexer.PLUS) {
      i = 1;
    }
    if (i + 1 != tokens.size() || (type(i) != SnortLexer.NUMBER && type(i) != SnortLexer.HEXNUM)) {
      throw error(what + " must be a number, found '" + text() + "'");
    }
    long v;
    try {
      String t = get(i).getText();
      v = type(i) == SnortLexer.HEXNUM ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw error(what + " '" + text() + "' is too large");
    }
    v = neg ? -v : v;
    if (v < min || v > max) {
      throw error(what + " " + v + " is out of range [" + min + ", " + max + "]");
    }
    return v;
  }

  /** True when the value is one word (letters, digits, '_' and '.', starting with a letter). */
  public boolean isWord() {
    return tokens.size() == 1 && type(0) == SnortLexer.WORD;
  }

  /** The value as one word, lower-cased. */
  public String word(String what) {
    if (!isWord()) {
      throw error(what + " expected, found '" + text() + "'");
    }
    return get(0).getText().toLowerCase(java.util.Locale.ROOT);
  }

  /** Splits "name value" (a word followed by the rest) for threshold-style parts. */
  public String leadingWord() {
    return !tokens.isEmpty() && type(0) == SnortLexer.WORD
        ? get(0).getText().toLowerCase(java.util.Locale.ROOT)
        : null;
  }

  /** True when the value is a single quoted string (optionally preceded by '!'). */
  public boolean isQuoted() {
    int i = type(0) == SnortLexer.BANG ? 1 : 0;
    return type(i) == SnortLexer.QUOTE
        && type(tokens.size() - 1) == SnortLexer.QUOTE
        && tokens.size() > i + 1;
  }

  /** True when the value starts with '!'. */
  public boolean negated() {
    return type(0) == SnortLexer.BANG;
  }

  /**
   * The text of a quoted value with Snort's escapes (\" \; \\ \:) removed and other backslashes
   * kept, or the raw text when not quoted. Used for msg and pcre.
   */
  public String unquotedText(boolean keepAllBackslashes) {
    if (!isQuoted()) {
      return text();
    }
    StringBuilder sb = new StringBuilder();
    int start = negated() ? 2 : 1;
    for (int i = start; i < tokens.size() - 1; i++) {
      Token t = tokens.get(i);
      String s = t.getText();
      if (t.getType() == SnortLexer.STR_ESC) {
        char c = s.charAt(1);
        if (!keepAllBackslashes && (c == '"' || c == ';' || c == '\\' || c == ':')) {
          sb.append(c);
        } else if (keepAllBackslashes && (c == '"' || c == ';')) {
          sb.append(c);
        } else {
          sb.append(s);
        }
      } else {
        sb.append(s);
      }
    }
    return sb.toString();
  }

  /** The bytes of a quoted content string: text, escapes (\" \; \\ \:) and |hex| groups. */
  public byte[] contentBytes() {
    if (!isQuoted()) {
      throw error("a quoted string is required, found '" + text() + "'");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int start = negated() ? 2 : 1;
    boolean inHex = false;
    StringBuilder hex = new StringBuilder();
    Token hexStart = null;
    for (int i = start; i < tokens.size() - 1; i++) {
      Token t = tokens.get(i);
      String s = t.getText();
      switch (t.getType()) {
        case SnortLexer.STR_TEXT -> {
          for (int k = 0; k < s.length(); k++) {
            out.write(s.charAt(k) & 0xff);
          }
        }
        case SnortLexer.STR_ESC -> {
          char c = s.charAt(1);
          if (c != '"' && c != ';' && c != '\\' && c != ':') {
            throw new RuleException(
                posOf(t),
                "invalid " + keyword + " value",
                keyword + ": invalid escape '" + s + "' (only \\\" \\; \\\\ \\: are allowed)");
          }
          out.write(c);
        }
        case SnortLexer.HEX_OPEN -> {
          inHex = true;
          hex.setLength(0);
          hexStart = t;
        }
        case SnortLexer.HEX_DIGITS -> hex.append(s);
        case SnortLexer.HEX_ERR ->
            throw new RuleException(
                posOf(t),
                "invalid " + keyword + " value",
                keyword + ": invalid character '" + s + "' in |hex| bytes");
        case SnortLexer.HEX_CLOSE -> {
          inHex = false;
          if (hex.length() % 2 != 0) {
            throw new RuleException(
                posOf(hexStart),
                "invalid " + keyword + " value",
                keyword + ": odd number of hex digits in |" + hex + "|");
          }
          for (int k = 0; k < hex.length(); k += 2) {
            out.write(Integer.parseInt(hex.substring(k, k + 2), 16));
          }
        }
        default ->
            throw new RuleException(
                posOf(t),
                "invalid " + keyword + " value",
                keyword + ": unexpected '" + s + "' in string");
      }
    }
    if (inHex) {
      throw new RuleException(
          posOf(hexStart), "invalid " + keyword + " value", keyword + ": unterminated |hex| bytes");
    }
    return out.toByteArray();
  }
}
