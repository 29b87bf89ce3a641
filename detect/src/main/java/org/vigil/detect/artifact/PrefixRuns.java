package org.vigil.detect.artifact;

import java.util.Arrays;

/**
 * The confirmation stage of a {@link LiteralScan}: an open-addressing table from a prefix key
 * (length class and the folded window a pattern is anchored on) to the run of patterns having it,
 * each compared in full where the window is found and reported as the automaton reports it. A
 * pattern found where every rule of it is satisfied ({@code doneAt}) is done for the scan; a prefix
 * none of whose patterns can add a candidate any more is remembered as spent in the candidate set.
 */
final class PrefixRuns {
  /** Open-addressing table from (length class, window) to a run of {@code pats} / {@code offs}. */
  private final long[] keys;

  private final int[] runStart;
  private final int[] runEnd;
  private final int[] pats;

  /** Offset of each run entry's anchor window in its pattern. */
  private final int[] offs;

  private final int mask;

  /** Folded pattern bytes by pattern id. */
  private final byte[][] bytes;

  private final int[] doneAt;
  private final int[] lastStart;

  /**
   * The runs of patterns {@code patterns} by table key {@code key[p]} (anchored at {@code off[p]});
   * {@code doneAt} and {@code lastStart} as {@link LiteralScan} takes them.
   */
  PrefixRuns(byte[][] patterns, long[] key, int[] off, int[] doneAt, int[] lastStart) {
    this.bytes = patterns;
    this.doneAt = doneAt;
    this.lastStart = lastStart;
    int n = patterns.length;
    int[] order = LiteralScanSetup.byKey(key);
    int size =
        Integer.highestOneBit(Math.max(4, LiteralScanSetup.distinctKeys(key, order) * 2)) << 1;
    mask = size - 1;
    keys = new long[size];
    Arrays.fill(keys, -1L);
    runStart = new int[size];
    runEnd = new int[size];
    pats = new int[n];
    offs = new int[n];
    fillRuns(key, order, off);
  }

  /** Groups the patterns by key: a table slot per distinct key (at most half full) to its run. */
  private void fillRuns(long[] key, int[] order, int[] off) {
    int n = order.length;
    for (int k = 0; k < n; ) {
      long kk = key[order[k]];
      int j = k;
      while (j < n && key[order[j]] == kk) {
        pats[j] = order[j];
        offs[j] = off[order[j]];
        j++;
      }
      int slot = slot(kk);
      while (keys[slot] != -1L) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = kk;
      runStart[slot] = k;
      runEnd[slot] = j;
      k = j;
    }
  }

  private int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }

  /** Bytes held by the table, the runs and the patterns. */
  long tableBytes() {
    long b = 8L * keys.length + 4L * (runStart.length + runEnd.length);
    b += 4L * (pats.length + offs.length) + 4L * doneAt.length + 4L * lastStart.length;
    for (byte[] x : bytes) {
      b += x.length;
    }
    return b;
  }

  /**
   * Reports the patterns of length class {@code k} anchored on the {@code min(k, 4)} bytes {@code
   * window} that end at {@code end}, when they occur in full there; true when the prefix is spent
   * (none of its patterns can add a candidate later in this scan).
   */
  boolean confirm(
      int k,
      int window,
      int end,
      byte[] data,
      int base,
      int len,
      PatternReport owner,
      CandidateSet out) {
    long key = (long) k << 32 | (window & 0xffffffffL);
    if (out.spent(key)) {
      return true;
    }
    int slot = slot(key);
    long kk;
    while ((kk = keys[slot]) != key) {
      if (kk == -1L) {
        out.spend(key); // a bit set's false positive: no pattern has this prefix
        return true;
      }
      slot = (slot + 1) & mask;
    }
    final byte[] fold = FoldedBytes.FOLD;
    int first = end - Math.min(k, 4) + 1;
    boolean spent = true;
    for (int r = runStart[slot], stop = runEnd[slot]; r < stop; r++) {
      int p = pats[r];
      if (out.done(p)) {
        continue;
      }
      byte[] b = bytes[p];
      int n = b.length;
      int start = first - offs[r];
      if (start < 0) {
        spent = false;
        continue;
      }
      if (start + n > len) {
        continue; // later starts end past the buffer too
      }
      int j = 0;
      int at = base + start;
      while (j < n && fold[data[at + j] & 0xff] == b[j]) {
        j++;
      }
      if (j == n) {
        owner.reportStart(p, start, out);
        if (start >= doneAt[p]) {
          out.markDone(p);
          continue;
        }
      }
      spent &= start >= lastStart[p];
    }
    if (spent) {
      out.spend(key);
    }
    return spent;
  }
}
