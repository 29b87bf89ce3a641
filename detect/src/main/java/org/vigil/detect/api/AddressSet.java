package org.vigil.detect.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule header address set after variables and negations were resolved at compile time: sorted
 * disjoint inclusive intervals of IPv4 addresses and of IPv6 addresses. Generated code holds one
 * per distinct header address in a static field, built from {@link #spec()} text.
 */
public final class AddressSet {
  /** v4 intervals as pairs {@code lo, hi} of unsigned 32-bit values. */
  private final long[] v4;

  /** v6 intervals as quadruples {@code loHi, loLo, hiHi, hiLo} (unsigned 64-bit halves). */
  private final long[] v6;

  /**
   * Builds a set from interval arrays (see the field docs); callers pass sorted disjoint intervals.
   */
  public AddressSet(long[] v4, long[] v6) {
    this.v4 = v4;
    this.v6 = v6;
  }

  /** True when the packet address (4 or 16 bytes used of {@code ip}) belongs to the set. */
  public boolean contains(byte[] ip, int version) {
    if (version == 4) {
      long a =
          ((ip[0] & 0xffL) << 24) | ((ip[1] & 0xff) << 16) | ((ip[2] & 0xff) << 8) | (ip[3] & 0xff);
      int lo = 0;
      int hi = v4.length / 2 - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (a < v4[2 * mid]) {
          hi = mid - 1;
        } else if (a > v4[2 * mid + 1]) {
          lo = mid + 1;
        } else {
          return true;
        }
      }
      return false;
    }
    if (version == 6) {
      long h = 0;
      long l = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (ip[i] & 0xff);
        l = (l << 8) | (ip[i + 8] & 0xff);
      }
      for (int i = 0; i < v6.length; i += 4) {
        if (cmp(h, l, v6[i], v6[i + 1]) >= 0 && cmp(h, l, v6[i + 2], v6[i + 3]) <= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int cmp(long h1, long l1, long h2, long l2) {
    int c = Long.compareUnsigned(h1, h2);
    return c != 0 ? c : Long.compareUnsigned(l1, l2);
  }

  /** The IPv4 intervals as pairs {@code lo, hi} (a copy; for compile-time indexing). */
  public long[] v4Intervals() {
    return v4.clone();
  }

  /** True when the set holds at least one IPv6 address. */
  public boolean hasV6() {
    return v6.length > 0;
  }

  /** True when the set holds every IPv4 and IPv6 address. */
  public boolean isAny() {
    return v4.length == 2
        && v4[0] == 0
        && v4[1] == 0xffffffffL
        && v6.length == 4
        && v6[0] == 0
        && v6[1] == 0
        && v6[2] == -1L
        && v6[3] == -1L;
  }

  /** True when the set holds no address at all. */
  public boolean isEmpty() {
    return v4.length == 0 && v6.length == 0;
  }

  /** Text form read back by {@link #parse}: {@code v4lo-v4hi,...;v6 quadruples as hex}. */
  public String spec() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v4.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(Long.toHexString(v4[i])).append('-').append(Long.toHexString(v4[i + 1]));
    }
    sb.append(';');
    for (int i = 0; i < v6.length; i += 4) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(Long.toHexString(v6[i]))
          .append('.')
          .append(Long.toHexString(v6[i + 1]))
          .append('-')
          .append(Long.toHexString(v6[i + 2]))
          .append('.')
          .append(Long.toHexString(v6[i + 3]));
    }
    return sb.toString();
  }

  /** Parses {@link #spec()} text. */
  public static AddressSet parse(String spec) {
    int semi = spec.indexOf(';');
    List<Long> a = new ArrayList<>();
    for (String r : spec.substring(0, semi).split(",")) {
      if (r.isEmpty()) {
        continue;
      }
      int d = r.indexOf('-');
      a.add(Long.parseUnsignedLong(r.substring(0, d), 16));
      a.add(Long.parseUnsignedLong(r.substring(d + 1), 16));
    }
    List<Long> b = new ArrayList<>();
    for (String r : spec.substring(semi + 1).split(",")) {
      if (r.isEmpty()) {
        continue;
      }
      for (String half : r.split("-")) {
        int dot = half.indexOf('.');
        b.add(Long.parseUnsignedLong(half.substring(0, dot), 16));
        b.add(Long.parseUnsignedLong(half.substring(dot + 1), 16));
      }
    }
    return new AddressSet(
        a.stream().mapToLong(Long::longValue).toArray(),
        b.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public String toString() {
    return spec();
  }
}
