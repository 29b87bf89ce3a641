package org.vigil.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.vigil.app.http.normalize.UriNormalizer;

/**
 * The host checks of a request as libhtp makes them once its headers are parsed, each failure an
 * event: the request URI's host (a CONNECT's whole target as {@code host[:port]}, else an absolute
 * URI's authority) that is no valid host name ({@link HttpEvent#REQUEST_URI_HOST_INVALID}); a Host
 * header whose {@code host[:port]} is malformed or names no valid host ({@link
 * HttpEvent#REQUEST_HEADER_HOST_INVALID}); and both present but naming different hosts or ports, or
 * the header's unusable ({@link HttpEvent#HOST_HEADER_AMBIGUOUS}). A valid host name is made of
 * dot-separated labels of 1 to 63 letters, digits, '-' or '_' (at most 255 bytes), or a bracketed
 * IPv6 address.
 */
final class HostChecks {
  private HostChecks() {}

  /** A parsed {@code host[:port]}: host null when there is none, port -1 when absent or bad. */
  record Authority(String host, int port, boolean invalid) {}

  /** Raises the host events of {@code tx} (its request line and headers parsed) on {@code conn}. */
  static void check(HttpTransaction tx, HttpConnectionParser conn) {
    Authority uri = uriAuthority(tx);
    if (uri != null && (uri.invalid() || uri.host() == null || !validHostname(uri.host()))) {
      conn.event(tx, HttpEvent.REQUEST_URI_HOST_INVALID);
    }
    String uriHost = uri == null ? null : uri.host();
    byte[] header = tx.requestHeaders.get("Host");
    if (header == null) {
      return;
    }
    Authority h = parse(new String(header, StandardCharsets.ISO_8859_1));
    if (h.invalid() || (h.host() != null && !validHostname(h.host()))) {
      conn.event(tx, HttpEvent.REQUEST_HEADER_HOST_INVALID);
    }
    if (uriHost == null) {
      return;
    }
    boolean ambiguous =
        h.host() == null
            || !h.host().equalsIgnoreCase(uriHost)
            || (uri.port() != -1 && h.port() != -1 && uri.port() != h.port());
    if (ambiguous) {
      conn.event(tx, HttpEvent.HOST_HEADER_AMBIGUOUS);
    }
  }

  /** The host the request target names: a CONNECT's target, an absolute URI's; else null. */
  private static Authority uriAuthority(HttpTransaction tx) {
    byte[] raw = tx.rawUri();
    if (raw == null) {
      return null;
    }
    byte[] m = tx.method();
    if (m != null && "CONNECT".equals(new String(m, StandardCharsets.ISO_8859_1))) {
      return parse(new String(raw, StandardCharsets.ISO_8859_1));
    }
    UriNormalizer.Parts p = UriNormalizer.split(raw);
    if (p.hostStart() < 0 || p.hostEnd() <= p.hostStart()) {
      return null;
    }
    String a =
        new String(raw, p.hostStart(), p.hostEnd() - p.hostStart(), StandardCharsets.ISO_8859_1);
    Authority parsed = parse(a);
    return parsed.host() == null ? null : parsed;
  }

  /** Parses {@code host[:port]} or {@code [v6]:port}, trimmed; the host lower-cased. */
  static Authority parse(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return new Authority(null, -1, true);
    }
    if (t.charAt(0) == '[') {
      int close = t.indexOf(']');
      if (close < 0) {
        return new Authority(null, -1, true);
      }
      String host = t.substring(0, close + 1);
      String rest = t.substring(close + 1);
      if (rest.isEmpty()) {
        return new Authority(host, -1, false);
      }
      if (rest.charAt(0) != ':') {
        return new Authority(host, -1, true);
      }
      int port = port(rest.substring(1));
      return new Authority(host, port, port < 0);
    }
    int colon = t.indexOf(':');
    if (colon < 0) {
      return new Authority(t.toLowerCase(Locale.ROOT), -1, false);
    }
    String host = t.substring(0, colon).stripTrailing().toLowerCase(Locale.ROOT);
    int port = port(t.substring(colon + 1));
    return new Authority(host, port, port < 0);
  }

  /** A port 1..65535 (surrounding whitespace allowed), else -1. */
  private static int port(String s) {
    String d = s.strip();
    if (d.isEmpty() || d.length() > 9) {
      return -1;
    }
    for (int i = 0; i < d.length(); i++) {
      if (d.charAt(i) < '0' || d.charAt(i) > '9') {
        return -1;
      }
    }
    int n = Integer.parseInt(d);
    return n >= 1 && n <= 65535 ? n : -1;
  }

  /** libhtp's relaxed host name check (see the class comment). */
  static boolean validHostname(String h) {
    int len = h.length();
    if (len == 0 || len > 255) {
      return false;
    }
    if (h.charAt(0) == '[') {
      return len >= 2 && h.charAt(len - 1) == ']' && ipv6(h.substring(1, len - 1));
    }
    int label = 0;
    for (int i = 0; i < len; i++) {
      char c = h.charAt(i);
      if (c == '.') {
        if (label == 0) {
          return false; // an empty label: a leading dot or two dots in a row
        }
        label = 0;
        continue;
      }
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok || ++label > 63) {
        return false;
      }
    }
    return true; // a trailing dot ends the name without a further label
  }

  /** True when {@code s} is an IPv6 address in text form. */
  private static boolean ipv6(String s) {
    if (s.isEmpty() || s.length() >= 46 || s.indexOf(':') < 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return false;
      }
    }
    try {
      return java.net.InetAddress.ofLiteral(s) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
