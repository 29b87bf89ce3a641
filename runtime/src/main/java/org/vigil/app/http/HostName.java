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
