package org.vigil.app.http.normalize;

/**
 * What the URI decoder does with a '%' that does not start a valid escape (libhtp's
 * url_encoding_invalid_handling).
 */
public enum InvalidEncoding {
  /** Keep the '%' and the bytes after it as they are (libhtp's default). */
  PRESERVE_PERCENT,
  /** Drop the '%' and keep the bytes after it. */
  REMOVE_PERCENT,
  /**
   * Decode the two bytes after '%' as if they were hex digits, as IIS 5.0 did with any character.
   */
  PROCESS_INVALID
}
