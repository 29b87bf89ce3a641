package org.vigil.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How an HTTP transaction names the files it carries. */
final class HttpFiles {
  private HttpFiles() {}

  /** The path of a normalized URI (without query and fragment), or null when it has none. */
  static String path(byte[] normalizedUri) {
    if (normalizedUri == null || normalizedUri.length == 0) {
      return null;
    }
    int end = 0;
    while (end < normalizedUri.length && normalizedUri[end] != '?' && normalizedUri[end] != '#') {
      end++;
    }
    return end == 0 ? null : new String(normalizedUri, 0, end, StandardCharsets.ISO_8859_1);
  }

  /**
   * The {@code filename=} of a Content-Disposition header (quotes removed), or null when the
   * headers have none.
   */
  static String dispositionName(HttpHeaders headers) {
    String cd = headers == null ? null : headers.getString("Content-Disposition");
    if (cd == null) {
      return null;
    }
    int at = cd.toLowerCase(Locale.ROOT).indexOf("filename=");
    if (at < 0) {
      return null;
    }
    String v = cd.substring(at + "filename=".length()).trim();
    if (v.startsWith("\"")) {
      int close = v.indexOf('"', 1);
      v = close < 0 ? v.substring(1) : v.substring(1, close);
    } else {
      int semi = v.indexOf(';');
      v = (semi < 0 ? v : v.substring(0, semi)).trim();
    }
    return v.isEmpty() ? null : v;
  }

  /**
   * True when a request's body is a file as Suricata tracks it: a PUT's, or a POST's that is not
   * multipart (the parts of a multipart body are files of their own, not tracked here).
   */
  static boolean uploads(byte[] method, HttpHeaders requestHeaders) {
    if (method == null) {
      return false;
    }
    String m = new String(method, StandardCharsets.ISO_8859_1);
    if (m.equals("PUT")) {
      return true;
    }
    if (!m.equals("POST")) {
      return false;
    }
    String ct = requestHeaders.getString("Content-Type");
    return ct == null || !ct.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
