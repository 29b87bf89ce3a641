package org.vigil.app.http.normalize;

/**
 * An anomaly the URI normalizer saw while decoding a request URI (reported as an app-layer event).
 */
public enum UriFlag {
  /** A '%' not followed by two hex digits (or %u not followed by four). */
  INVALID_ENCODING,
  /** An encoded '/' (or '\' where backslashes separate). */
  ENCODED_SEPARATOR,
  /** An encoded NUL byte (%00 or %u0000). */
  ENCODED_NUL,
  /** A raw NUL byte in the path. */
  RAW_NUL,
  /** A %u escape was decoded. */
  U_ENCODING,
  /** A %u escape with a zero high byte (%u00XX), an overlong form of a single byte. */
  OVERLONG_U,
  /** A %u escape or UTF-8 character in the full-width range U+FF00-FFFF. */
  HALF_FULL_RANGE,
  /** An overlong UTF-8 sequence (such as %c0%af for '/'). */
  UTF8_OVERLONG,
  /** A byte sequence that is not valid UTF-8. */
  UTF8_INVALID,
  /** A valid multi-byte UTF-8 sequence was decoded. */
  UTF8_VALID,
  /** A code point with no best-fit ASCII mapping was replaced. */
  BESTFIT_REPLACED,
  /** After one decoding pass the path still held a valid escape (double encoding). */
  DOUBLE_ENCODED,
  /** A "." or ".." segment was removed. */
  DOT_SEGMENT,
  /** A ".." segment tried to climb above the root. */
  ABOVE_ROOT
}
