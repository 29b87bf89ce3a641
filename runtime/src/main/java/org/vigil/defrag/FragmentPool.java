package org.vigil.defrag;

import java.util.Arrays;

/**
 * Fragment data arrays kept for reuse, by size class ({@link #STEP}-byte steps up to {@link
 * #MAX_POOLED} bytes): a flood of datagrams that never complete takes the arrays of the datagrams
 * it evicts instead of leaving them to the garbage collector. The idle arrays are bounded by the
 * room the caller gives (the memcap less what fragments hold), so held plus idle stays within the
 * memcap.
 */
final class FragmentPool {
  /** Size class step: an array's length is its fragment's length rounded up to this. */
  static final int STEP = 128;

  /** Longer fragments get arrays of their exact length, not pooled. */
  static final int MAX_POOLED = 16384;

  private final byte[][][] free = new byte[MAX_POOLED / STEP + 1][][];
  private final int[] count = new int[MAX_POOLED / STEP + 1];
  private long idleBytes;

  /** Length of the array a fragment of {@code len} bytes is kept in. */
  static int capacityFor(int len) {
    if (len > MAX_POOLED) {
      return len;
    }
    return Math.max(STEP, (len + STEP - 1) / STEP * STEP);
  }

  /** An array of {@link #capacityFor}{@code (len)} bytes, reused when one is idle. */
  byte[] take(int len) {
    int cap = capacityFor(len);
    if (cap <= MAX_POOLED) {
      int c = cap / STEP;
      if (count[c] > 0) {
        byte[] a = free[c][--count[c]];
        free[c][count[c]] = null;
        idleBytes -= DefragFootprint.arrayBytes(cap);
        return a;
      }
    }
    return new byte[cap];
  }

  /** Keeps {@code a} for reuse if the idle arrays stay within {@code room} bytes. */
  void give(byte[] a, long room) {
    int cap = a.length;
    if (cap > MAX_POOLED || cap % STEP != 0 || idleBytes + DefragFootprint.arrayBytes(cap) > room) {
      return;
    }
    int c = cap / STEP;
    if (free[c] == null) {
      free[c] = new byte[16][];
    } else if (count[c] == free[c].length) {
      free[c] = Arrays.copyOf(free[c], count[c] * 2);
    }
    free[c][count[c]++] = a;
    idleBytes += DefragFootprint.arrayBytes(cap);
  }

  /** Drops idle arrays until they take at most {@code room} bytes. */
  void trim(long room) {
    for (int c = free.length - 1; c > 0 && idleBytes > room; c--) {
      while (count[c] > 0 && idleBytes > room) {
        free[c][--count[c]] = null;
        idleBytes -= DefragFootprint.arrayBytes((long) c * STEP);
      }
    }
  }

  /** Heap bytes of the idle arrays. */
  long idleBytes() {
    return idleBytes;
  }
}
