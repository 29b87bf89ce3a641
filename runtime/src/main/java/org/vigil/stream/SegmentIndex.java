package org.vigil.stream;

import java.util.Arrays;

/**
 * The stored segments of a reassembly store as [start, end) stream offsets, sorted by start
 * (segments with equal starts keep arrival order), with the longest length seen so lookups can
 * start a bounded distance back. A segment costs 8 bytes: its start and end are kept as unsigned
 * 32-bit distances from an origin at or below every start, which a store's segments always fit (its
 * array holds at most 2 GiB and its pages at most 1 GiB beyond it).
 */
final class SegmentIndex {
  private static final int[] NO_INTS = new int[0];

  /** Entries of the first array (and of the one kept when a store is made new). */
  static final int KEPT = 16;

  /** Largest distance from the origin an entry can hold. */
  private static final long SPAN = 0xFFFF_FFFFL;

  // entry i: start at [2i], end at [2i + 1], as unsigned distances from origin; starts empty and
  // grows on first use
  private int[] seg = NO_INTS;
  private long origin;
  int n;
  long maxLen;

  /** Start offset of entry {@code i}. */
  long start(int i) {
    return origin + Integer.toUnsignedLong(seg[i << 1]);
  }

  /** End offset of entry {@code i}. */
  long end(int i) {
    return origin + Integer.toUnsignedLong(seg[(i << 1) + 1]);
  }

  private void set(int i, long s, long e) {
    seg[i << 1] = (int) (s - origin);
    seg[(i << 1) + 1] = (int) (e - origin);
  }

  /** First index whose start is &gt;= x. */
  int lowerBound(long x) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (start(mid) < x) {
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
    while (at > 0 && start(at - 1) > s) {
      at--;
    }
    if (n == 0) {
      origin = s;
    } else if (s < origin || e - origin > SPAN) {
      rebase(Math.min(s, start(0)), e);
    }
    if (n << 1 == seg.length) {
      seg = Arrays.copyOf(seg, Math.max(KEPT, n * 2) << 1);
    }
    if (at < n) {
      System.arraycopy(seg, at << 1, seg, (at + 1) << 1, (n - at) << 1);
    }
    set(at, s, e);
    n++;
    if (e - s > maxLen) {
      maxLen = e - s;
    }
  }

  /**
   * Moves the origin to {@code o} (at or below every start), which {@code e} and every end must fit
   * above.
   */
  private void rebase(long o, long e) {
    for (int i = 0; i < n; i++) {
      e = Math.max(e, end(i));
    }
    if (e - o > SPAN) {
      throw new IllegalStateException("segments span more than 4 GiB: " + o + " to " + e);
    }
    int d = (int) (origin - o);
    for (int i = 0; i < n << 1; i++) {
      seg[i] += d;
    }
    origin = o;
  }

  /** How far the segments run on without a hole from {@code c}. */
  long runFrom(long c) {
    int i = lowerBound(c - maxLen);
    for (; i < n; i++) {
      if (start(i) > c) {
        break;
      }
      long e = end(i);
      if (e > c) {
        c = e;
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
    return i < n ? Math.min(limit, start(i)) : limit;
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
      if (end(i) > floor) {
        seg[w << 1] = seg[i << 1];
        seg[(w << 1) + 1] = seg[(i << 1) + 1];
        w++;
      }
    }
    n = w;
  }

  /** Forgets everything at or after {@code limit}: later segments go, one across it is cut. */
  void cutAt(long limit) {
    int w = 0;
    for (int i = 0; i < n; i++) {
      long s = start(i);
      if (s < limit) {
        set(w, s, Math.min(end(i), limit));
        w++;
      }
    }
    n = w;
  }

  /** Whether some segment holds the byte at {@code off}. */
  boolean covers(long off) {
    for (int i = 0; i < n && start(i) <= off; i++) {
      if (end(i) > off) {
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
      if (seg.length > KEPT << 1) {
        seg = NO_INTS;
      }
    }
  }
}
