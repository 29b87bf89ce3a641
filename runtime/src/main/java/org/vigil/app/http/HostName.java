package org.vigil.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.vigil.app.http.normalize.UriNormalizer;

/** Extracts the normalized host name of a request (for EVE "hostname"). */
final class HostName {

  private HostName() {}

  static String of(byte[] rawUri, byte[] hostHeader) {
    if (rawUri != null) {
      UriNormalizer.Parts p = UriNormalizer.split(rawUri);
      if (p.hostStart() >= 0 && p.hostEnd() > p.hostStart()) {
        return clean(
            new String(
                rawUri, p.hostStart(), p.hostEnd() - p.hostStart(), StandardCharsets.ISO_8859_1));
      }
    }
    if (hostHeader != null && hostHeader.length > 0) {
      return clean(new String(hostHeader, StandardCharsets.ISO_8859_1));
    }
    return null;
  }

  /**
   * The port an absolute request URI's authority names, else the Host header's (EVE "http_port");
   * null when neither names a valid one.
   */
  static Integer port(byte[] rawUri, byte[] hostHeader) {
    if (rawUri != null) {
      UriNormalizer.Parts p = UriNormalizer.split(rawUri);
      if (p.hostStart() >= 0 && p.hostEnd() > p.hostStart()) {
        return hostPort(
            new String(
                rawUri, p.hostStart(), p.hostEnd() - p.hostStart(), StandardCharsets.ISO_8859_1));
      }
    }
    return hostHeader == null
        ? null
        : hostPort(new String(hostHeader, StandardCharsets.ISO_8859_1));
  }

  /** The port of a {@code host[:port]} authority ({@code [v6]:port} too), or null. */
  private static Integer hostPort(String authority) {
    String h = authority.trim();
    int from = h.startsWith("[") ? h.indexOf(']') : 0;
    int colon = from < 0 ? -1 : h.indexOf(':', from);
    return colon < 0 ? null : number(h.substring(colon + 1));
  }

  private static Integer number(String s) {
    s = s.trim();
    if (s.isEmpty() || s.length() > 5) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    int n = Integer.parseInt(s);
    return n >= 1 && n <= 65535 ? n : null;
  }

  private static String clean(String h) {
    h = h.trim();
    if (h.startsWith("[")) {
      int e = h.indexOf(']');
      h = e > 0 ? h.substring(0, e + 1) : h;
    } else {
      int c = h.indexOf(':');
      if (c >= 0) {
        h = h.substring(0, c);
      }
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
  }
}
