package org.vigil.detect.threshold;

/** A threshold file that cannot be used; the message starts with {@code file:line:}. */
public final class ThresholdFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error {@code message}. */
  public ThresholdFileException(String message) {
    super(message);
  }
}
