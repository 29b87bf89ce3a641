package org.vigil.compiler.front;

import org.vigil.compiler.ir.SourcePos;

/**
 * One problem with one rule (or statement): where, which sid if known, a short reason used to group
 * the summary, the full message, and the source line it points into.
 */
public record Diagnostic(SourcePos pos, Long sid, String reason, String message, String line) {

  /** {@code file:line:col: message}. */
  public String headline() {
    return pos + ": " + message;
  }

  /** The headline, the source line and a caret under the column, as printed to users. */
  public String format() {
    StringBuilder sb = new StringBuilder(headline());
    if (line != null && !line.isEmpty()) {
      sb.append('\n').append("    ").append(line).append('\n').append("    ");
      int col = Math.max(1, pos.column());
      for (int i = 1; i < col && i <= line.length(); i++) {
        sb.append(line.charAt(i - 1) == '\t' ? '\t' : ' ');
      }
      sb.append('^');
    }
    return sb.toString();
  }
}
