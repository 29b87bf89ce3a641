package org.vigil.app.http;

/**
 * Byte classes of HTTP/1.x text (linear white space, any space, hex digits) shared by the parsers.
 */
final class HttpBytes {
  private HttpBytes() {}

  /** The index of the first byte at or after {@code i} that is not a space or tab. */
  static int trimStart(byte[] c, int i) {
    while (i < c.length && isLws(c[i])) {
      i++;
    }
    return i;
  }

  /** Whether every byte of {@code c} is a CR (true for an empty array). */
  static boolean allCr(byte[] c) {
    for (byte x : c) {
      if (x != '\r') {
        return false;
      }
    }
    return true;
  }

  static boolean isAnySpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == 0x0b || b == 0x0c;
  }

  static boolean isLws(byte b) {
    return b == ' ' || b == '\t';
  }

  /** libhtp's folding characters: a line starting with one continues the field before it. */
  static boolean isFolding(byte b) {
    return b == ' ' || b == '\t' || b == 0;
  }

  static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  /**
   * True if lower-case ASCII {@code needle} occurs in {@code v} in any case (false for a null
   * {@code v}).
   */
  static boolean containsIgnoreCase(byte[] v, String needle) {
    if (v == null) {
      return false;
    }
    int n = needle.length();
    for (int i = 0; i + n <= v.length; i++) {
      int k = 0;
      while (k < n && HttpHeaders.lower(v[i + k] & 0xff) == needle.charAt(k)) {
        k++;
      }
      if (k == n) {
        return true;
      }
    }
    return false;
  }

  /** The value of hex digit {@code b}. */
  static int hexVal(byte b) {
    return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
  }
}
