package org.vigil.compiler.analysis;

import org.vigil.compiler.ir.SourcePos;

/**
 * A problem found by the back end in one rule: {@code file:line:col: message}, an error (rule
 * skipped) or a warning.
 */
public record Diagnostic(SourcePos pos, long sid, String message, boolean warning) {
  /** The user-facing line: {@code file:line:col: [warning: ]message}. */
  @Override
  public String toString() {
    return pos + ": " + (warning ? "warning: " : "") + message;
  }
}
