package org.vigil.compiler.analysis;

import org.vigil.compiler.ir.SourcePos;

/**
 * Thrown while analysing or generating one rule that Vigil cannot compile; carries the position to
 * report.
 */
public final class BackendException extends RuntimeException {
  private final transient SourcePos pos;

  /** A failure at {@code pos} with a user-facing message. */
  public BackendException(SourcePos pos, String message) {
    super(message, null, false, false);
    this.pos = pos;
  }

  /** Where the problem is. */
  public SourcePos pos() {
    return pos;
  }
}
