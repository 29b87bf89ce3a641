package org.vigil.detect.api;

/**
 * base64_decode's decoder, with Suricata 7's RFC 4648 decisions: characters are taken four at a
 * time; a '=' counts as a zero digit and as padding of its group (a group gives three bytes less
 * its padding, so decoding goes on after a padded group); the first character outside the alphabet
 * and '=' (a space, CR, LF, ...) ends the decoding. A last incomplete group gives its digits' bytes
 * when the input ran out (two or three digits: one or two bytes), and when a foreign character cut
 * it short one byte for one or two digits and two bytes for three.
 */
public final class Base64Decoding {
  /** The characters read when a rule gives no {@code bytes} (or {@code bytes 0}). */
  public static final int DEFAULT_BYTES = 65535;

  private Base64Decoding() {}

  /** The value of a base64 digit, -1 for '=' and -2 for any other character. */
  private static int digit(int c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+') {
      return 62;
    }
    if (c == '/') {
      return 63;
    }
    return c == '=' ? -1 : -2;
  }

  /**
   * Decodes {@code in[from, to)} into {@code out} (room for {@code (to - from) / 4 * 3 + 3} bytes
   * needed); returns the number of bytes decoded.
   */
  public static int decode(byte[] in, int from, int to, byte[] out) {
    int o = 0;
    int group = 0;
    int digits = 0;
    int padding = 0;
    boolean cut = false;
    for (int i = from; i < to; i++) {
      int d = digit(in[i] & 0xff);
      if (d == -2) {
        cut = true;
        break;
      }
      if (d == -1) {
        padding++;
        d = 0;
      }
      group = group << 6 | d;
      if (++digits == 4) {
        int n = 3 - Math.min(padding, 3);
        put(out, o, group, n);
        o += n;
        group = 0;
        digits = 0;
        padding = 0;
      }
    }
    if (digits > 0) {
      int n = cut ? (digits == 3 ? 2 : 1) : digits - 1;
      put(out, o, group << (6 * (4 - digits)), n);
      o += n;
    }
    return o;
  }

  private static void put(byte[] out, int o, int group, int n) {
    for (int k = 0; k < n; k++) {
      out[o + k] = (byte) (group >>> (16 - 8 * k));
    }
  }
}
