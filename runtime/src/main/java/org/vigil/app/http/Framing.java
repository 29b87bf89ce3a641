package org.vigil.app.http;

/** Helpers that read the message framing headers (Content-Length, Transfer-Encoding, methods). */
final class Framing {

  private Framing() {}

  /** Parses a Content-Length value (whitespace around digits allowed); -1 if invalid. */
  static long contentLength(byte[] v) {
    int i = 0;
    while (i < v.length && MessageParser.isLws(v[i])) {
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
    while (i < v.length && MessageParser.isLws(v[i])) {
      i++;
    }
    return digits == 0 || i != v.length ? -1 : n;
  }

  /** True if the Transfer-Encoding value names "chunked" (case-insensitive). */
  static boolean isChunked(byte[] v) {
    return indexOfIgnoreCase(v, "chunked") >= 0;
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

  static int indexOfIgnoreCase(byte[] v, String s) {
    outer:
    for (int i = 0; i + s.length() <= v.length; i++) {
      for (int k = 0; k < s.length(); k++) {
        if (HttpHeaders.lower(v[i + k]) != s.charAt(k)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
