package org.vigil.stream;

import java.util.Arrays;

/**
 * Idle stream data arrays kept for reuse: a store that grows or closes gives its array back, and
 * the next store growing to that length takes it instead of allocating one, so steady traffic does
 * not feed the collector a new array per growth step. Only lengths of {@link
 * StreamMemory#INITIAL_ARRAY} times a power of two up to {@link #MAX_LENGTH} are kept, at most
 * {@link #MAX_IDLE_BYTES} in all. Thread-safe (flow threads may share a budget).
 */
final class StreamArrays {
  /** Longest array kept (1 MiB). */
  static final int MAX_LENGTH = StreamMemory.INITIAL_ARRAY << 8;

  /** Idle bytes kept at most (1 MiB). */
  static final long MAX_IDLE_BYTES = 1L << 20;

  private static final int CLASSES = 9;

  // idle[c][0, count[c]) are the idle arrays of length INITIAL_ARRAY << c
  private final byte[][][] idle = new byte[CLASSES][][];
  private final int[] count = new int[CLASSES];
  private long idleBytes;

  /** The size class of an array of {@code length} bytes, or -1 when such arrays are not kept. */
  static int sizeClass(int length) {
    if (length < StreamMemory.INITIAL_ARRAY
        || length > MAX_LENGTH
        || Integer.bitCount(length) != 1) {
      return -1;
    }
    return Integer.numberOfTrailingZeros(length / StreamMemory.INITIAL_ARRAY);
  }

  /**
   * An array of {@code length} bytes holding {@code old[0, keep)} followed by zeros: an idle one
   * when there is one, else a new one.
   */
  byte[] take(int length, byte[] old, int keep) {
    int c = sizeClass(length);
    byte[] a = null;
    if (c >= 0) {
      synchronized (this) {
        if (count[c] > 0) {
          a = idle[c][--count[c]];
          idle[c][count[c]] = null;
          idleBytes -= length;
        }
      }
    }
    if (a == null) {
      a = new byte[length];
      System.arraycopy(old, 0, a, 0, keep);
      return a;
    }
    System.arraycopy(old, 0, a, 0, keep);
    Arrays.fill(a, keep, length, (byte) 0);
    return a;
  }

  /**
   * Keeps an array no store holds any more, when its length is kept and {@code room} (bytes the
   * budget can still spare, negative for unlimited) and the idle limit allow; else drops it.
   */
  void give(byte[] a, long room) {
    int c = sizeClass(a.length);
    if (c < 0) {
      return;
    }
    synchronized (this) {
      long after = idleBytes + a.length;
      if (after > MAX_IDLE_BYTES || (room >= 0 && after > room)) {
        return;
      }
      if (idle[c] == null) {
        idle[c] = new byte[4][];
      } else if (count[c] == idle[c].length) {
        idle[c] = Arrays.copyOf(idle[c], count[c] * 2);
      }
      idle[c][count[c]++] = a;
      idleBytes = after;
    }
  }

  /** Bytes held idle. */
  synchronized long idleBytes() {
    return idleBytes;
  }
}
