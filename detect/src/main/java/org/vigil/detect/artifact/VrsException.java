package org.vigil.detect.artifact;

import java.io.IOException;

/**
 * A {@code .vrs} file (or a key for it) that is refused: damaged, truncated, foreign, or not signed
 * as required.
 */
public final class VrsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A refusal saying what failed. */
  public VrsException(String message) {
    super(message);
  }
}
