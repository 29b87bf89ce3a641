package org.vigil.compiler.front;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.grammar.SnortLexer;

/** Collects the first syntax error ANTLR reports for one statement and words it for users. */
final class SyntaxErrors extends BaseErrorListener {
  int line;
  int column;
  String first;
  Token offending;

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int col,
      String msg,
      RecognitionException e) {
    if (first == null) {
      this.line = line;
      this.column = col + 1;
      this.first = msg;
      this.offending = offendingSymbol instanceof Token t ? t : null;
    }
  }

  void reset() {
    first = null;
    offending = null;
  }

  /** The first syntax error of a statement as a rejection in user words. */
  RuleException toRuleException(String file, List<Token> tokens) {
    for (Token t : tokens) {
      if (t.getType() == SnortLexer.STR_SEMI) {
        return new RuleException(
            pos(file, t),
            "bad option value formatting",
            "bad option value formatting: this ';' ends the option, so its quoted value has no closing '\"' "
                + "(a quote is missing, or write \\; for a ';' in the value)");
      }
    }
    for (Token t : tokens) {
      int ty = t.getType();
      if (ty == SnortLexer.HEADER_ERR || ty == SnortLexer.VALUE_ERR) {
        return new RuleException(
            pos(file, t), "syntax error", "unexpected character '" + t.getText() + "'");
      }
    }
    Token off = offending;
    SourcePos p =
        off != null && off.getType() != Token.EOF
            ? pos(file, off)
            : new SourcePos(
                file,
                tokens.getLast().getLine(),
                tokens.getLast().getCharPositionInLine() + 1 + tokens.getLast().getText().length());
    String msg;
    if (off == null || off.getType() == Token.EOF) {
      msg = "incomplete rule: " + expectation(tokens);
    } else {
      msg = friendly(off.getText(), first);
    }
    return new RuleException(p, "syntax error", "syntax error: " + msg);
  }

  private static final java.util.Map<String, String> TOKEN_NAMES =
      java.util.Map.ofEntries(
          java.util.Map.entry("OPT_NAME", "an option keyword"),
          java.util.Map.entry("SEMI", "';'"),
          java.util.Map.entry("COLON", "':'"),
          java.util.Map.entry("LPAREN", "'('"),
          java.util.Map.entry("RPAREN", "')'"),
          java.util.Map.entry("HWORD", "an address, port, action or protocol"),
          java.util.Map.entry("BIDIR", "'<>'"),
          java.util.Map.entry("ARROW", "'->'"),
          java.util.Map.entry("VARREF", "a $VARIABLE"),
          java.util.Map.entry("LBRACK", "'['"),
          java.util.Map.entry("RBRACK", "']'"),
          java.util.Map.entry("COMMA", "','"),
          java.util.Map.entry("BANG", "'!'"),
          java.util.Map.entry("QUOTE", "'\"'"),
          java.util.Map.entry("PATH", "a path"),
          java.util.Map.entry("EOF", "the end of the line"));

  /** ANTLR's message in user words: "unexpected 'x' (expected ';' or ')')". */
  private static String friendly(String text, String antlr) {
    int e = antlr.indexOf("expecting ");
    int m = antlr.startsWith("missing ") ? 8 : -1;
    String want =
        e >= 0
            ? antlr.substring(e + 10)
            : m >= 0 ? antlr.substring(m, antlr.indexOf(" at ")) : null;
    if (want == null) {
      return "unexpected '" + text + "'";
    }
    List<String> names = new ArrayList<>();
    for (String w : want.replace("{", "").replace("}", "").split(",\\s*")) {
      names.add(TOKEN_NAMES.getOrDefault(w.strip(), w.strip()));
    }
    String expected = String.join(" or ", names);
    return m >= 0
        ? "missing " + expected + " before '" + text + "'"
        : "unexpected '" + text + "', expected " + expected;
  }

  private static String expectation(List<Token> tokens) {
    boolean open = false;
    for (Token t : tokens) {
      if (t.getType() == SnortLexer.LPAREN) {
        open = true;
      }
      if (t.getType() == SnortLexer.RPAREN) {
        open = false;
      }
    }
    return open
        ? "missing ';' or ')' at the end of the options"
        : "the header or option list is incomplete";
  }

  private static SourcePos pos(String file, Token t) {
    return new SourcePos(file, t.getLine(), t.getCharPositionInLine() + 1);
  }
}
