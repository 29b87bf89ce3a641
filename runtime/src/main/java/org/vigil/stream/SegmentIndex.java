package org.vigil.stream;

import java.util.Arrays;

/**
 * The stored segments of a reassembly store as [start, end) stream offsets, sorted by start
 * (segments with equal starts keep arrival order), with the longest length seen so lookups can
 * start a bounded distance back.
 */
final class SegmentIndex {
  private static final long[] NO_LONGS = new long[0];

  /** Entries of the first arrays (and of those kept when a store is made new). */
  static final int KEPT = 16;

  // the arrays start empty and grow on first use
  long[] starts = NO_LONGS;
  long[] ends = NO_LONGS;
  int n;
  long maxLen;

  /** First index whose start is &gt;= x. */
  int lowerBound(long x) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Adds [s, e) at or before index {@code hint} (the lower bound of its end). */
  void add(int hint, long s, long e) {
    int at = hint;
    while (at > 0 && starts[at - 1] > s) {
      at--;
    }
    if (n == starts.length) {
      starts = Arrays.copyOf(starts, Math.max(KEPT, n * 2));
      ends = Arrays.copyOf(ends, Math.max(KEPT, n * 2));
    }
    if (at < n) {
      System.arraycopy(starts, at, starts, at + 1, n - at);
      System.arraycopy(ends, at, ends, at + 1, n - at);
    }
    starts[at] = s;
    ends[at] = e;
    n++;
    if (e - s > maxLen) {
      maxLen = e - s;
    }
  }

  /** How far the segments run on without a hole from {@code c}. */
  long runFrom(long c) {
    int i = lowerBound(c - maxLen);
    for (; i < n; i++) {
      if (starts[i] > c) {
        break;
      }
      if (ends[i] > c) {
        c = ends[i];
      }
    }
    return c;
  }

  /**
   * Where the first hole at or after {@code c} ends: at the next segment's start, at most {@code
   * limit}.
   */
  long holeEnd(long c, long limit) {
    int i = lowerBound(c + 1);
    return i < n ? Math.min(limit, starts[i]) : limit;
  }

  /**
   * How far the data runs on from {@code c} when every hole below {@code limit} is skipped (where
   * {@link StreamBuffer#skipGapsTo} leaves the in-order end).
   */
  long runOverHoles(long c, long limit) {
    while (c < limit) {
      long gapEnd = holeEnd(c, limit);
      if (gapEnd <= c) {
        break;
      }
      c = runFrom(gapEnd);
    }
    return c;
  }

  /** Drops the segments ending at or before {@code floor}. */
  void dropEndingBy(long floor) {
    int w = 0;
    for (int i = 0; i < n; i++) {
      if (ends[i] > floor) {
        starts[w] = starts[i];
        ends[w] = ends[i];
        w++;
      }
    }
    n = w;
  }

  /** Forgets everything at or after {@code limit}: later segments go, one across it is cut. */
  void cutAt(long limit) {
    int w = 0;
    for (int i = 0; i < n; i++) {
      if (starts[i] < limit) {
        starts[w] = starts[i];
        ends[w] = Math.min(ends[i], limit);
        w++;
      }
    }
    n = w;
  }

  /** Whether some segment holds the byte at {@code off}. */
  boolean covers(long off) {
    for (int i = 0; i < n && starts[i] <= off; i++) {
      if (ends[i] > off) {
        return true;
      }
    }
    return false;
  }

  /**
   * Empty again; when {@code dropArrays}, arrays longer than {@link #KEPT} entries are dropped too
   * (the first size, which every session with data grows to, stays for the next session).
   */
  void clear(boolean dropArrays) {
    n = 0;
    if (dropArrays) {
      maxLen = 0;
      if (starts.length > KEPT) {
        starts = NO_LONGS;
        ends = NO_LONGS;
      }
    }
  }
}
