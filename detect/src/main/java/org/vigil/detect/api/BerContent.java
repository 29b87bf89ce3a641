package org.vigil.detect.api;

/**
 * Whether the content of a universal BER object is one Suricata 7's decoder accepts for its type:
 * strings must be primitive and in their character set (and UTF-8, as the decoder keeps them as
 * text), UTCTime and GeneralizedTime must parse, BOOLEAN has one byte, BIT STRING its unused-bits
 * byte, ENUMERATED fits 32 bits, SEQUENCE and SET are constructed. Other types (INTEGER, OCTET
 * STRING, NULL, OBJECT IDENTIFIER, REAL, …) are taken as they are.
 */
final class BerContent {
  private BerContent() {}

  /** True when the content {@code b[p, end)} of universal type {@code tag} is accepted. */
  static boolean valid(byte[] b, int p, int end, long tag, boolean constructed) {
    int len = end - p;
    return switch ((int) Math.min(tag, 64)) {
      case 1 -> len == 1; // BOOLEAN (an indefinite length is refused too: its content is not 1)
      case 3 -> len > 0 && !constructed; // BIT STRING
      case 10 -> !constructed && enumerated(b, p, end);
      case 12 -> !constructed && utf8(b, p, end); // UTF8String
      case 16, 17 -> constructed; // SEQUENCE, SET
      case 18 -> !constructed && numeric(b, p, end);
      case 19 -> !constructed && printable(b, p, end);
      case 20, 21, 26 -> !constructed && visible(b, p, end); // Teletex, Videotex, Visible
      case 7, 22, 25, 27 -> !constructed && ascii(b, p, end); // ObjectDescriptor, IA5, ...
      case 23 -> visible(b, p, end) && time(b, p, end, false); // UTCTime
      case 24 -> visible(b, p, end) && time(b, p, end, true); // GeneralizedTime
      case 28 -> !constructed; // UniversalString
      case 30 -> !constructed && bmp(b, p, end) && utf8(b, p, end); // BMPString
      default -> true;
    };
  }

  private static boolean enumerated(byte[] b, int p, int end) {
    long v = 0;
    for (int i = p; i < end; i++) {
      if ((v & 0xFF00_0000_0000_0000L) != 0) {
        return false;
      }
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v >= 0 && v <= 0xFFFF_FFFFL;
  }

  private static boolean numeric(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      int c = b[i];
      if (!(c == ' ' || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean printable(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      int c = b[i];
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || " '()+,-./:=?".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Bytes 0x20 to 0x7F. */
  private static boolean visible(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] < 0x20) { // negative bytes are 0x80 and up
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
  static boolean utf8(byte[] b, int p, int end) {
    int i = p;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) {
          lo = 0xA0;
        } else if (c == 0xED) {
          hi = 0x9F;
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) {
          lo = 0x90;
        } else if (c == 0xF4) {
          hi = 0x8F;
        }
      } else {
        return false;
      }
      if (end - i - 1 < n) {
        return false;
      }
      for (int k = 1; k <= n; k++) {
        int x = b[i + k] & 0xFF;
        if (k == 1 ? (x < lo || x > hi) : (x < 0x80 || x > 0xBF)) {
          return false;
        }
      }
      i += n + 1;
    }
    return true;
  }

  /** Big-endian UTF-16 with every surrogate paired. */
  private static boolean bmp(byte[] b, int p, int end) {
    if (((end - p) & 1) != 0) {
      return false;
    }
    for (int i = p; i < end; i += 2) {
      int u = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
      if (u >= 0xDC00 && u <= 0xDFFF) {
        return false;
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        if (i + 3 >= end) {
          return false;
        }
        int v = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
        if (v < 0xDC00 || v > 0xDFFF) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static int pair(byte[] b, int i) {
    int h = b[i];
    int l = b[i + 1];
    if (h < '0' || h > '9' || l < '0' || l > '9') {
      return -1;
    }
    return (h - '0') * 10 + (l - '0');
  }

  /**
   * A UTCTime (YYMMDDHHMM[SS] and a zone) or GeneralizedTime (YYYYMMDDHHMM[SS][.fff] and an
   * optional zone) as the decoder parses them.
   */
  static boolean time(byte[] b, int p, int end, boolean generalized) {
    int i = p;
    int fields = generalized ? 6 : 5; // two-digit fields before the seconds
    if (end - i < 2 * fields) {
      return false;
    }
    int[] v = new int[fields];
    for (int f = 0; f < fields; f++) {
      v[f] = pair(b, i);
      if (v[f] < 0) {
        return false;
      }
      i += 2;
    }
    int k = generalized ? 2 : 1; // index of the month
    if (i == end) {
      return false;
    }
    int second = 0;
    if (end - i >= 2) {
      second = pair(b, i);
      if (second < 0) {
        return false;
      }
      i += 2;
    }
    if (v[k] > 12 || v[k + 1] > 31 || v[k + 2] > 23 || v[k + 3] > 59 || second > 59) {
      return false;
    }
    if (i == end) {
      return generalized;
    }
    if (generalized && (b[i] == '.' || b[i] == ',')) {
      i++;
      for (int idx = 0; ; idx++) {
        if (i == end) {
          if (idx == 0) {
            return false;
          }
          break;
        }
        if (idx == 4) {
          return false;
        }
        int c = b[i];
        if (c == 'Z' || c == '+' || c == '-') {
          break;
        }
        if (c < '0' || c > '9') {
          return false;
        }
        i++;
      }
      if (i == end) {
        return true;
      }
    }
    int rest = end - i;
    if (rest == 1) {
      return b[i] == 'Z';
    }
    return rest == 5 && (b[i] == '+' || b[i] == '-') && pair(b, i + 1) >= 0 && pair(b, i + 3) >= 0;
  }
}
