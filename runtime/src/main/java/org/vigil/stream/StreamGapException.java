package org.vigil.stream;

import java.io.IOException;

/**
 * Thrown once by a blocking stream reader where bytes are missing; reading may continue after it.
 */
public final class StreamGapException extends IOException {
  private final long length;

  /** A gap of {@code length} bytes. */
  public StreamGapException(long length) {
    super("stream gap of " + length + " bytes");
    this.length = length;
  }

  /** Missing bytes. */
  public long length() {
    return length;
  }
}
