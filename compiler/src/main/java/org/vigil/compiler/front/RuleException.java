package org.vigil.compiler.front;

import org.vigil.compiler.ir.SourcePos;

/**
 * Thrown by keyword parsers and checks to reject the rule being built; carries position and reason.
 */
public final class RuleException extends RuntimeException {
  private final SourcePos pos;
  private final String reason;

  /**
   * A rejection at {@code pos}; {@code reason} groups the summary, {@code message} is shown to the
   * user.
   */
  public RuleException(SourcePos pos, String reason, String message) {
    super(message, null, false, false);
    this.pos = pos;
    this.reason = reason;
  }

  /** Where the problem is. */
  public SourcePos pos() {
    return pos;
  }

  /** The short reason. */
  public String reason() {
    return reason;
  }
}
