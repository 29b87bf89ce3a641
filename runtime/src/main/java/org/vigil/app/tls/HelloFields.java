package org.vigil.app.tls;

import java.nio.charset.StandardCharsets;

/**
 * The fields of a ClientHello or ServerHello body that Suricata 7 keeps: the version field, the
 * version the supported_versions extension gives (client: the first valid one listed; server: the
 * selected one), the SNI host name, the JA3 (client) or JA3S (server) string, the session id and
 * whether the client offered a session ticket (what makes Suricata call a session resumed). Reading
 * stops quietly at the first field that does not fit the body.
 *
 * @param version the hello's version field
 * @param supportedVersion the supported_versions extension's version, 0 when absent
 * @param sni the server name (client hello), or null
 * @param ja3 the JA3 or JA3S string
 * @param sessionId the session id (empty when none, or not read)
 * @param sessionTicket the client hello carries the session_ticket extension
 * @param versionsExtension the hello carries the supported_versions extension
 */
record HelloFields(
    int version,
    int supportedVersion,
    String sni,
    String ja3,
    byte[] sessionId,
    boolean sessionTicket,
    boolean versionsExtension) {
  private static final int EXT_SERVER_NAME = 0;
  private static final int EXT_GROUPS = 10;
  private static final int EXT_POINT_FORMATS = 11;
  private static final int EXT_SESSION_TICKET = 35;
  private static final int EXT_SUPPORTED_VERSIONS = 43;
  private static final byte[] NONE = new byte[0];

  /** The fields read when the hello ends before its extensions. */
  private HelloFields(int version, String ja3, byte[] sessionId) {
    this(version, 0, null, ja3, sessionId, false, false);
  }

  /** The client hello's fields from its body {@code b[p..end)}, or null when too short. */
  static HelloFields client(byte[] b, int p, int end) {
    if (p + 2 + 32 + 1 > end) {
      return null;
    }
    int version = u16(b, p);
    Ja3 ja3 = new Ja3(5);
    ja3.add(0, version);
    p += 2 + 32;
    byte[] sessionId = sessionId(b, p, end);
    p += 1 + (b[p] & 0xFF);
    if (p + 2 > end) {
      return new HelloFields(version, ja3.text(), sessionId);
    }
    int cs = u16(b, p);
    p += 2;
    for (int i = 0; i + 1 < cs && p + i + 1 < end; i += 2) {
      ja3.add(1, u16(b, p + i));
    }
    p += cs;
    if (p + 1 > end) {
      return new HelloFields(version, ja3.text(), sessionId);
    }
    p += 1 + (b[p] & 0xFF);
    int supported = 0;
    String sni = null;
    boolean ticket = false;
    boolean versions = false;
    if (p + 2 <= end) {
      int extEnd = Math.min(end, p + 2 + u16(b, p));
      p += 2;
      while (p + 4 <= extEnd) {
        int type = u16(b, p);
        int len = u16(b, p + 2);
        int d = p + 4;
        int dEnd = Math.min(extEnd, d + len);
        ja3.add(2, type);
        switch (type) {
          case EXT_SERVER_NAME -> {
            if (sni == null) {
              sni = serverName(b, d, dEnd);
            }
          }
          case EXT_GROUPS -> {
            if (d + 2 <= dEnd) {
              int n = u16(b, d);
              for (int i = 0; i + 1 < n && d + 2 + i + 1 < dEnd; i += 2) {
                ja3.add(3, u16(b, d + 2 + i));
              }
            }
          }
          case EXT_POINT_FORMATS -> {
            if (d + 1 <= dEnd) {
              int n = b[d] & 0xFF;
              for (int i = 0; i < n && d + 1 + i < dEnd; i++) {
                ja3.add(4, b[d + 1 + i] & 0xFF);
              }
            }
          }
          case EXT_SESSION_TICKET -> ticket = true;
          case EXT_SUPPORTED_VERSIONS -> {
            versions = true;
            if (d + 1 <= dEnd) {
              int n = b[d] & 0xFF;
              for (int i = 0; i + 1 < n && d + 1 + i + 1 < dEnd; i += 2) {
                int v = u16(b, d + 1 + i);
                if (TlsRecordTypes.validVersion(v)) {
                  supported = v;
                  break;
                }
              }
            }
          }
          default -> {}
        }
        p = d + len;
      }
    }
    return new HelloFields(version, supported, sni, ja3.text(), sessionId, ticket, versions);
  }

  /** The server hello's fields from its body {@code b[p..end)}, or null when too short. */
  static HelloFields server(byte[] b, int p, int end) {
    if (p + 2 + 32 + 1 > end) {
      return null;
    }
    int version = u16(b, p);
    Ja3 ja3s = new Ja3(3);
    ja3s.add(0, version);
    p += 2 + 32;
    byte[] sessionId = sessionId(b, p, end);
    p += 1 + (b[p] & 0xFF);
    if (p + 2 > end) {
      return new HelloFields(version, ja3s.text(), sessionId);
    }
    ja3s.add(1, u16(b, p));
    p += 2 + 1; // cipher, compression method
    int supported = 0;
    boolean versions = false;
    if (p + 2 <= end) {
      int extEnd = Math.min(end, p + 2 + u16(b, p));
      p += 2;
      while (p + 4 <= extEnd) {
        int type = u16(b, p);
        int len = u16(b, p + 2);
        ja3s.add(2, type);
        if (type == EXT_SUPPORTED_VERSIONS && len >= 2 && p + 6 <= extEnd) {
          supported = u16(b, p + 4);
          versions = true;
        }
        p += 4 + len;
      }
    }
    return new HelloFields(version, supported, null, ja3s.text(), sessionId, false, versions);
  }

  /** The session id whose length byte is {@code b[p]} (empty when it does not fit the body). */
  private static byte[] sessionId(byte[] b, int p, int end) {
    int n = b[p] & 0xFF;
    return n == 0 || p + 1 + n > end ? NONE : java.util.Arrays.copyOfRange(b, p + 1, p + 1 + n);
  }

  /** The first host_name of a server_name extension's data {@code b[d..end)}, or null. */
  private static String serverName(byte[] b, int d, int end) {
    if (d + 2 > end) {
      return null;
    }
    int listEnd = Math.min(end, d + 2 + u16(b, d));
    int p = d + 2;
    while (p + 3 <= listEnd) {
      int type = b[p] & 0xFF;
      int n = u16(b, p + 1);
      if (p + 3 + n > listEnd) {
        return null;
      }
      if (type == 0) {
        return new String(b, p + 3, n, StandardCharsets.ISO_8859_1);
      }
      p += 3 + n;
    }
    return null;
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }
}
