package org.vigil.acquire;

import java.io.IOException;

/**
 * A file that is not a readable capture (unknown magic, header cut short); the message names file
 * and offset.
 */
public final class CaptureFormatException extends IOException {
  public CaptureFormatException(String message) {
    super(message);
  }
}
