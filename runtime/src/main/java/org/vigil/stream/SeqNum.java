package org.vigil.stream;

/** Modulo-2^32 TCP sequence number arithmetic (RFC 1982 style comparisons). */
public final class SeqNum {
  private SeqNum() {}

  /** Signed distance from {@code a} to {@code b} (b - a), valid for distances below 2^31. */
  public static int diff(int a, int b) {
    return b - a;
  }

  /** a &lt; b in sequence space. */
  public static boolean lt(int a, int b) {
    return a - b < 0;
  }

  /** a &lt;= b in sequence space. */
  public static boolean leq(int a, int b) {
    return a - b <= 0;
  }

  /** a &gt; b in sequence space. */
  public static boolean gt(int a, int b) {
    return a - b > 0;
  }

  /** a &gt;= b in sequence space. */
  public static boolean geq(int a, int b) {
    return a - b >= 0;
  }

  /** The later of two sequence numbers. */
  public static int max(int a, int b) {
    return gt(a, b) ? a : b;
  }
}
