package org.vigil.app.http;

/**
 * The response checks behind HTTP events that libhtp and Suricata raise on a response's status
 * line, framing headers and first body bytes.
 */
final class ResponseChecks {
  private ResponseChecks() {}

  /** {@link #protocolNumber}'s value of HTTP/1.1. */
  static final int HTTP_11 = 11;

  /**
   * A status line's protocol as libhtp numbers it: exactly "HTTP/0.9", "HTTP/1.0" or "HTTP/1.1"
   * (upper case) give 9, 10 or 11; anything else, or none, is invalid (-1).
   */
  static int protocolNumber(byte[] p) {
    if (p == null || p.length != 8 || p[0] != 'H' || p[1] != 'T' || p[2] != 'T' || p[3] != 'P') {
      return -1;
    }
    if (p[4] != '/' || p[6] != '.') {
      return -1;
    }
    if (p[5] == '0') {
      return p[7] == '9' ? 9 : -1;
    }
    if (p[5] == '1' && (p[7] == '0' || p[7] == '1')) {
      return p[7] == '0' ? 10 : HTTP_11;
    }
    return -1;
  }

  /**
   * Whether a response's Content-Type names multipart/byteranges anywhere (any case): libhtp gives
   * up such a response when neither chunking nor a Content-Length frames it.
   */
  static boolean byteranges(HttpHeaders response) {
    return HttpBytes.containsIgnoreCase(response.get("Content-Type"), "multipart/byteranges");
  }

  /**
   * Whether Suricata finds the Content-Range of {@code tx}'s response invalid when the response's
   * first body bytes open its file: the response or its request names the file (Content-Disposition
   * filename, else the URI's path) and the header is there and {@linkplain ContentRange#invalid()
   * invalid}.
   */
  static boolean rangeInvalid(HttpTransaction tx) {
    HttpHeaders h = tx.responseHeaders;
    String range = h == null ? null : h.getString("Content-Range");
    if (range == null) {
      return false;
    }
    if (HttpFiles.dispositionName(h) == null && HttpFiles.path(tx.normalizedUri) == null) {
      return false;
    }
    return ContentRange.parse(range).invalid();
  }

  /** A status code of exactly three digits, or -1. */
  static int status(byte[] code) {
    if (code.length != 3) {
      return -1;
    }
    int s = 0;
    for (byte b : code) {
      if (b < '0' || b > '9') {
        return -1;
      }
      s = s * 10 + (b - '0');
    }
    return s;
  }
}
