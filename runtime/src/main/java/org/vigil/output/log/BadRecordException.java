package org.vigil.output.log;

/**
 * A log record that is not one Vigil wrote in a layout this version reads (foreign, damaged, torn,
 * or from a newer Vigil): readers count it and skip it.
 */
public final class BadRecordException extends RuntimeException {
  /** A record refused for {@code reason}. */
  public BadRecordException(String reason) {
    super(reason);
  }
}
