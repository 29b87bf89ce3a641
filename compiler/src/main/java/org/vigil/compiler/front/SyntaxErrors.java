package org.vigil.compiler.front;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Collects the first syntax error ANTLR reports for one statement. */
final class SyntaxErrors extends BaseErrorListener {
  int line;
  int column;
  String first;
  Token offending;

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col, String msg,
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
}
