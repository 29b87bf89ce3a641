package org.vigil.stream;

import java.util.Arrays;

/**
 * The gaps of one stream store: ranges of stream offsets that will never be filled (acknowledged
 * holes), in order, adjacent ones merged, and the end of the latest gap ever recorded.
 */
final class StreamGaps {
  private static final long[] NONE = new long[0];

  private long[] starts = NONE;
  private long[] ends = NONE;
  private int count;
  private long lastEnd;

  /** Records the gap {@code [s, e)} after every earlier one. */
  void add(long s, long e) {
    if (count > 0 && ends[count - 1] == s) {
      ends[count - 1] = e;
      lastEnd = Math.max(lastEnd, e);
      return;
    }
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, Math.max(4, count * 2));
      ends = Arrays.copyOf(ends, Math.max(4, count * 2));
    }
    starts[count] = s;
    ends[count] = e;
    count++;
    lastEnd = Math.max(lastEnd, e);
  }

  int count() {
    return count;
  }

  long start(int i) {
    return starts[i];
  }

  long end(int i) {
    return ends[i];
  }

  /** Index of the first gap ending after {@code off}, or -1. */
  int after(long off) {
    for (int i = 0; i < count; i++) {
      if (ends[i] > off) {
        return i;
      }
    }
    return -1;
  }

  /** The latest gap end at or below {@code off} and above {@code base}, else {@code base}. */
  long runStart(long base, long off) {
    long start = base;
    if (lastEnd > start && lastEnd <= off) {
      start = lastEnd;
    }
    for (int i = 0; i < count; i++) {
      if (ends[i] <= off && ends[i] > start) {
        start = ends[i];
      }
    }
    return start;
  }

  /** Forgets the gaps ending at or below {@code floor}. */
  void dropBelow(long floor) {
    int g = 0;
    for (int i = 0; i < count; i++) {
      if (ends[i] > floor) {
        starts[g] = starts[i];
        ends[g] = ends[i];
        g++;
      }
    }
    count = g;
  }

  /** Drops every gap and the arrays; with {@code forgetLast} also the latest gap end. */
  void clear(boolean forgetLast) {
    starts = NONE;
    ends = NONE;
    count = 0;
    if (forgetLast) {
      lastEnd = 0;
    }
  }
}
