package org.vigil.detect.artifact;

import java.util.Arrays;

/**
 * The scan of a {@link Prefilter}'s patterns by hashed prefixes instead of its automaton: a 32-bit
 * window of the last four ASCII-lower-cased bytes rolls over the buffer; each position tests the
 * window's hash in a bit set of the patterns' first four bytes (patterns of four bytes or more) and
 * its last two bytes in a bit set of the short patterns' last two bytes. Both bit sets (8 KB each)
 * stay in the first-level cache and no test waits on the one before, so a byte costs a few
 * instructions where the automaton costs a dependent read of a table that does not fit the cache. A
 * set bit is confirmed through a hash table from the exact prefix to the patterns having it, each
 * compared in full, and reported as the automaton reports it: all occurrences of all patterns, so
 * the candidates are the automaton's. A prefix whose patterns can add nothing more in this scan
 * (position-free ones already reported, the others past their last accepted start) is remembered as
 * spent in the candidate set, so that a run of a common short pattern ({@code |00 00|} in binary
 * data, padding) costs a look into a small memo per byte instead of a probe of the prefix table and
 * a comparison.
 */
final class LiteralScan {
  private static final int HASH = 0x9E3779B1;

  /** ASCII upper-case letters folded to lower case, as the automaton's byte classes fold them. */
  private static final byte[] FOLD = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }

  /** Bits of the hashed anchor windows (four bytes) of the patterns of four bytes or more. */
  private final long[] long4 = new long[1 << 10];

  /** Bits of the patterns of one byte, of two bytes, and of the hashed patterns of three bytes. */
  private final long[] short1 = new long[4];

  private final long[] short2 = new long[1 << 10];
  private final long[] short3 = new long[1 << 10];

  /**
   * Bits of the last two bytes of every pattern of one to three bytes (every pair for one byte).
   */
  private final long[] shortLast2 = new long[1 << 10];

  private final boolean has1;
  private final boolean has2;
  private final boolean has3;
  private final boolean has4;

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

  /** Patterns whose rules are candidates wherever they match (no offset or depth). */
  private final boolean[] free;

  /** Per pattern: the last start position some rule of it accepts. */
  private final int[] lastStart;

  /**
   * Patterns with the given folded bytes (pattern {@code p} is {@code patterns[p]}), {@code free}
   * those whose rules are candidates at any position, {@code lastStart} the last start position at
   * which some rule of each pattern accepts it. A pattern of four bytes or more is anchored on the
   * window of four that the fewest patterns have (the later one on a tie): the patterns sharing a
   * common start ({@code user-agent: ...}) then spread over many table entries, and a hit confirms
   * few of them.
   */
  LiteralScan(byte[][] patterns, boolean[] free, int[] lastStart) {
    this.bytes = patterns;
    this.free = free;
    this.lastStart = lastStart;
    int n = patterns.length;
    // how many patterns have each window: all windows of all patterns (one per pattern), sorted
    int total = 0;
    for (byte[] b : patterns) {
      total += Math.max(0, b.length - 3);
    }
    int[] all = new int[total];
    int m = 0;
    for (byte[] b : patterns) {
      int from = m;
      for (int d = 0; d + 4 <= b.length; d++) {
        all[m++] = window(b, d);
      }
      Arrays.sort(all, from, m);
      int u = from;
      for (int k = from; k < m; k++) {
        if (k == from || all[k] != all[k - 1]) {
          all[u++] = all[k];
        }
      }
      m = u;
    }
    // the distinct windows and how many patterns have each
    Arrays.sort(all, 0, m);
    int[] windows = new int[m];
    int[] counts = new int[m];
    int distinctWindows = 0;
    for (int k = 0; k < m; k++) {
      if (k == 0 || all[k] != all[k - 1]) {
        windows[distinctWindows++] = all[k];
      }
      counts[distinctWindows - 1]++;
    }
    long[] key = new long[n];
    int[] off = new int[n];
    boolean[] has = new boolean[5];
    for (int p = 0; p < n; p++) {
      byte[] b = patterns[p];
      int len = b.length;
      if (len >= 4) {
        int best = 0;
        int fewest = Integer.MAX_VALUE;
        for (int d = 0; d + 4 <= len; d++) {
          int c = counts[Arrays.binarySearch(windows, 0, distinctWindows, window(b, d))];
          if (c <= fewest) {
            best = d;
            fewest = c;
          }
        }
        int w = window(b, best);
        off[p] = best;
        key[p] = 4L << 32 | (w & 0xffffffffL);
        set(long4, (w * HASH) >>> 16);
        has[4] = true;
      } else if (len > 0) {
        int w = window(b, 0) >>> (8 * (4 - len));
        key[p] = (long) len << 32 | (w & 0xffffffffL);
        has[len] = true;
        switch (len) {
          case 1 -> {
            set(short1, w);
            for (int c = 0; c < 256; c++) {
              set(shortLast2, c << 8 | w);
            }
          }
          case 2 -> {
            set(short2, w);
            set(shortLast2, w);
          }
          default -> {
            set(short3, (w * HASH) >>> 16);
            set(shortLast2, w & 0xffff);
          }
        }
      } else {
        key[p] = 0; // never looked up: an empty pattern has no end position
      }
    }
    has1 = has[1];
    has2 = has[2];
    has3 = has[3];
    has4 = has[4];
    // group the patterns by key; the table has a slot per distinct key, at most half full
    // sorted (key, pattern) pairs: a key takes 35 bits (length class, window), a pattern id 27
    long[] sorted = new long[n];
    for (int p = 0; p < n; p++) {
      sorted[p] = key[p] << 27 | p;
    }
    Arrays.sort(sorted);
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = (int) (sorted[k] & ((1 << 27) - 1));
    }
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || key[order[k]] != key[order[k - 1]]) {
        distinct++;
      }
    }
    int size = Integer.highestOneBit(Math.max(4, distinct * 2)) << 1;
    mask = size - 1;
    keys = new long[size];
    Arrays.fill(keys, -1L);
    runStart = new int[size];
    runEnd = new int[size];
    pats = new int[n];
    offs = new int[n];
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

  private static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  /** The four bytes of {@code b} from {@code d} as a big-endian int (zeros past its end). */
  private static int window(byte[] b, int d) {
    int w = 0;
    for (int j = d; j < d + 4; j++) {
      w = w << 8 | (j < b.length ? b[j] & 0xff : 0);
    }
    return w;
  }

  private int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }

  /** Bytes held by the tables (bit sets, prefix table, runs). */
  long tableBytes() {
    long b = 8L * (long4.length + short1.length + short2.length + short3.length);
    b += 8L * shortLast2.length + 8L * keys.length + 4L * (runStart.length + runEnd.length);
    b += 4L * (pats.length + offs.length) + free.length + 4L * lastStart.length;
    for (byte[] x : bytes) {
      b += x.length;
    }
    return b;
  }

  /** Folded bytes of pattern {@code p}. */
  byte[] pattern(int p) {
    return bytes[p];
  }

  /** Whether pattern {@code p}'s rules are candidates wherever it matches. */
  boolean free(int p) {
    return free[p];
  }

  /** The last start position at which some rule of pattern {@code p} accepts it. */
  int lastStart(int p) {
    return lastStart[p];
  }

  /** Reports every occurrence of every pattern in {@code data[base .. base+len)}. */
  void scan(byte[] data, int base, int len, PatternReport owner, CandidateSet out) {
    // one test of two bits per byte; the rare hit is sorted out by hit(), out of the loop
    final byte[] fold = FOLD;
    final long[] l4 = long4;
    final long[] last2 = shortLast2;
    out.startScan(bytes.length);
    int w = 0;
    for (int i = 0; i < len; i++) {
      w = w << 8 | (fold[data[base + i] & 0xff] & 0xff);
      int h = (w * HASH) >>> 16;
      int x = w & 0xffff;
      if (((l4[h >>> 6] >>> h | last2[x >>> 6] >>> x) & 1) != 0) {
        hit(w, i, data, base, len, owner, out);
      }
    }
  }

  /** The windows ending at {@code i} that some pattern may be anchored on, confirmed. */
  private void hit(
      int w, int i, byte[] data, int base, int len, PatternReport owner, CandidateSet out) {
    int h = (w * HASH) >>> 16;
    if (has4 && i >= 3 && (long4[h >>> 6] & (1L << h)) != 0) {
      confirm(4, w, i, data, base, len, owner, out);
    }
    if (has1 && (short1[(w & 0xff) >>> 6] & (1L << w)) != 0) {
      confirm(1, w & 0xff, i, data, base, len, owner, out);
    }
    if (has2 && i >= 1 && (short2[(w & 0xffff) >>> 6] & (1L << w)) != 0) {
      confirm(2, w & 0xffff, i, data, base, len, owner, out);
    }
    if (has3 && i >= 2) {
      int h3 = ((w & 0xffffff) * HASH) >>> 16;
      if ((short3[h3 >>> 6] & (1L << h3)) != 0) {
        confirm(3, w & 0xffffff, i, data, base, len, owner, out);
      }
    }
  }

  /**
   * Reports the patterns of length class {@code k} anchored on the {@code min(k, 4)} bytes {@code
   * window} that end at {@code end}, when they occur in full there.
   */
  private void confirm(
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
      return;
    }
    int slot = slot(key);
    long kk;
    while ((kk = keys[slot]) != key) {
      if (kk == -1L) {
        out.spend(key); // a bit set's false positive: no pattern has this prefix
        return;
      }
      slot = (slot + 1) & mask;
    }
    final byte[] fold = FOLD;
    int first = end - Math.min(k, 4) + 1;
    // spent: no pattern of the run can add a candidate at a later position of this scan
    boolean spent = true;
    for (int r = runStart[slot], stop = runEnd[slot]; r < stop; r++) {
      int p = pats[r];
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
      if (free[p]) {
        if (j == n) {
          if (out.firstReport(p)) {
            owner.reportStart(p, start, out);
          }
        } else {
          spent = false;
        }
      } else {
        if (j == n) {
          owner.reportStart(p, start, out);
        }
        spent &= start >= lastStart[p];
      }
    }
    if (spent) {
      out.spend(key);
    }
  }
}
