package org.vigil.app.http;

/** Helpers that read the message framing headers (Content-Length, Transfer-Encoding, methods). */
final class Framing {

  private Framing() {}

  /** Parses a Content-Length value (whitespace around digits allowed); -1 if invalid. */
  static long contentLength(byte[] v) {
    int i = 0;
    while (i < v.length && HttpBytes.isLws(v[i])) {
      i++;
    }
    long n = 0;
    int digits = 0;
    while (i < v.length && v[i] >= '0' && v[i] <= '9') {
      if (n > (Long.MAX_VALUE - 9) / 10) {
        return -1;
      }
      n = n * 10 + (v[i] - '0');
      i++;
      digits++;
    }
    while (i < v.length && HttpBytes.isLws(v[i])) {
      i++;
    }
    return digits == 0 || i != v.length ? -1 : n;
  }

  /**
   * Parses a Content-Length value as libhtp does: anything before the first digit skipped, the
   * digits read, anything after them ignored; -1 without a digit or when the number overflows.
   */
  static long lenientContentLength(byte[] v) {
    int i = 0;
    while (i < v.length && (v[i] < '0' || v[i] > '9')) {
      i++;
    }
    if (i == v.length) {
      return -1;
    }
    long n = 0;
    while (i < v.length && v[i] >= '0' && v[i] <= '9') {
      int d = v[i] - '0';
      if ((Long.MAX_VALUE - d) / 10 < n) {
        return -1;
      }
      n = n * 10 + d;
      i++;
    }
    return n;
  }

  /**
   * True if the Transfer-Encoding value has the token "chunked" (case-insensitive, NULs ignored).
   */
  static boolean isChunked(byte[] v) {
    StringBuilder tok = new StringBuilder();
    for (int i = 0; i <= v.length; i++) {
      int c = i < v.length ? v[i] & 0xff : ',';
      if (c == 0) {
        continue;
      }
      if (c == ',' || c == ' ' || c == '\t' || c == ';') {
        if (tok.toString().equals("chunked")) {
          return true;
        }
        tok.setLength(0);
        if (c == ';') {
          // parameters of a coding: skip to the next comma
          while (i + 1 < v.length && v[i + 1] != ',') {
            i++;
          }
        }
      } else {
        tok.append((char) HttpHeaders.lower(c));
      }
    }
    return false;
  }

  /** True if "chunked" occurs anywhere in the value (any case, NUL bytes skipped), as libhtp. */
  static boolean containsChunked(byte[] v) {
    StringBuilder s = new StringBuilder(v.length);
    for (byte x : v) {
      if (x != 0) {
        s.append((char) HttpHeaders.lower(x & 0xff));
      }
    }
    return s.indexOf("chunked") >= 0;
  }

  /** True if {@code m} equals the ASCII method {@code name} exactly. */
  static boolean isMethod(byte[] m, String name) {
    if (m.length != name.length()) {
      return false;
    }
    for (int i = 0; i < m.length; i++) {
      if (m[i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
