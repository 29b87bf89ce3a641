package org.vigil.decode;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Formatting and parsing of addresses stored as two longs (hi, lo); IPv4 lives in lo. */
public final class IpAddresses {
  private IpAddresses() {}

  /**
   * Dotted quad for IPv4, RFC 5952 text for IPv6 (Suricata prints the full form; see {@link
   * #formatIpv6Full}).
   */
  public static String format(int version, long hi, long lo) {
    if (version == 4) {
      return dottedQuad((int) (lo >>> 24), (int) (lo >>> 16), (int) (lo >>> 8), (int) lo);
    }
    if (version != 6) return "";
    int[] g = new int[8];
    for (int i = 0; i < 8; i++)
      g[i] = (int) ((i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4))) & 0xffff);
    int bestStart = -1, bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /**
   * The dotted quad of four octets (their low 8 bits), written digit by digit: string concatenation
   * compiles to method-handle trees that C2 inlines whole into every caller.
   */
  private static String dottedQuad(int a, int b, int c, int d) {
    byte[] out = new byte[15];
    int n = octet(out, 0, a);
    out[n++] = '.';
    n = octet(out, n, b);
    out[n++] = '.';
    n = octet(out, n, c);
    out[n++] = '.';
    n = octet(out, n, d);
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** Writes octet {@code v & 0xff} in decimal at {@code at}; returns the index after it. */
  private static int octet(byte[] out, int at, int v) {
    v &= 0xff;
    if (v >= 100) {
      out[at++] = (byte) ('0' + v / 100);
      v %= 100;
      out[at++] = (byte) ('0' + v / 10);
    } else if (v >= 10) {
      out[at++] = (byte) ('0' + v / 10);
    }
    out[at++] = (byte) ('0' + v % 10);
    return at;
  }

  /** Suricata's EVE form: dotted quad for IPv4, eight 4-digit groups for IPv6. */
  public static String formatEve(int version, long hi, long lo) {
    return version == 6 ? formatIpv6Full(hi, lo) : format(version, hi, lo);
  }

  /** IPv6 as eight groups of four hex digits (Suricata's EVE form, e.g. 2001:0db8:0000:...). */
  /**
   * As {@link #formatEve(int, long, long)} for an address given as its 4 or 16 network-order bytes.
   */
  public static String formatEve(int version, byte[] a) {
    if (version == 4) {
      return dottedQuad(a[0], a[1], a[2], a[3]);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (a[i] & 0xFF);
      lo = (lo << 8) | (a[8 + i] & 0xFF);
    }
    return formatEve(6, hi, lo);
  }

  public static String formatIpv6Full(long hi, long lo) {
    byte[] out = new byte[39];
    int n = 0;
    for (int i = 0; i < 8; i++) {
      long w = i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4));
      if (i > 0) {
        out[n++] = ':';
      }
      for (int shift = 12; shift >= 0; shift -= 4) {
        out[n++] = HEX[(int) (w >>> shift) & 0xf];
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  /** The address's network-order bytes: 4 for IPv4, 16 for IPv6. */
  public static byte[] bytes(int version, long hi, long lo) {
    byte[] b = new byte[version == 4 ? 4 : 16];
    putBytes(b, version, hi, lo);
    return b;
  }

  /**
   * Writes the address's network-order bytes at the start of {@code out}: 4 for IPv4, 16 for IPv6,
   * nothing for another version (the rest of {@code out} is left as it is).
   */
  public static void putBytes(byte[] out, int version, long hi, long lo) {
    if (version == 4) {
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) (lo >>> (24 - 8 * i));
      }
    } else if (version == 6) {
      for (int i = 0; i < 8; i++) {
        out[i] = (byte) (hi >>> (56 - 8 * i));
        out[8 + i] = (byte) (lo >>> (56 - 8 * i));
      }
    }
  }

  /** Parses an IPv4 or IPv6 literal into {hi, lo}; IPv4 goes into lo. */
  public static long[] parse(String text) {
    try {
      byte[] b = InetAddress.ofLiteral(text).getAddress();
      if (b.length == 4) return new long[] {0, Bytes.u32L(b, 0)};
      return new long[] {Bytes.u64(b, 0), Bytes.u64(b, 8)};
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }
}
