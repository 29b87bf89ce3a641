package org.vigil.app.tls;

import java.nio.charset.StandardCharsets;

/**
 * The fields of a ClientHello or ServerHello body that Suricata 7 keeps: the version field, the
 * version the supported_versions extension gives (client: the first valid one listed; server: the
 * selected one), the SNI host name, and the JA3 (client) or JA3S (server) string. Reading stops
 * quietly at the first field that does not fit the body.
 *
 * @param version the hello's version field
 * @param supportedVersion the supported_versions extension's version, 0 when absent
 * @param sni the server name (client hello), or null
 * @param ja3 the JA3 or JA3S string
 */
record HelloFields(int version, int supportedVersion, String sni, String ja3) {
  private static final int EXT_SERVER_NAME = 0;
  private static final int EXT_GROUPS = 10;
  private static final int EXT_POINT_FORMATS = 11;
  private static final int EXT_SUPPORTED_VERSIONS = 43;

  /** The client hello's fields from its body {@code b[p..end)}, or null when too short. */
  static HelloFields client(byte[] b, int p, int end) {
    if (p + 2 + 32 + 1 > end) {
      return null;
    }
    int version = u16(b, p);
    Ja3 ja3 = new Ja3(5);
    ja3.add(0, version);
    p += 2 + 32;
    p += 1 + (b[p] & 0xFF);
    if (p + 2 > end) {
      return new HelloFields(version, 0, null, ja3.text());
    }
    int cs = u16(b, p);
    p += 2;
    for (int i = 0; i + 1 < cs && p + i + 1 < end; i += 2) {
      ja3.add(1, u16(b, p + i));
    }
    p += cs;
    if (p + 1 > end) {
      return new HelloFields(version, 0, null, ja3.text());
    }
    p += 1 + (b[p] & 0xFF);
    int supported = 0;
    String sni = null;
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
          case EXT_SUPPORTED_VERSIONS -> {
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
    return new HelloFields(version, supported, sni, ja3.text());
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
    p += 1 + (b[p] & 0xFF);
    if (p + 2 > end) {
      return new HelloFields(version, 0, null, ja3s.text());
    }
    ja3s.add(1, u16(b, p));
    p += 2 + 1; // cipher, compression method
    int supported = 0;
    if (p + 2 <= end) {
      int extEnd = Math.min(end, p + 2 + u16(b, p));
      p += 2;
      while (p + 4 <= extEnd) {
        int type = u16(b, p);
        int len = u16(b, p + 2);
        ja3s.add(2, type);
        if (type == EXT_SUPPORTED_VERSIONS && len >= 2 && p + 6 <= extEnd) {
          supported = u16(b, p + 4);
        }
        p += 4 + len;
      }
    }
    return new HelloFields(version, supported, null, ja3s.text());
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
