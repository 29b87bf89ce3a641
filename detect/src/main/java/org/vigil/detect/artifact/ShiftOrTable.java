package org.vigil.detect.artifact;

import java.util.Arrays;

/**
 * The reach table of a {@link LiteralScan}'s bucketed shift-or filter: the scan keeps a 64-bit
 * state of eight lanes of eight bucket bits, shifts it by one lane per byte and ORs in the table's
 * entry for the byte and the low four bits of the byte before it (a 12-bit domain, 32 KiB of
 * longs), read with the bytes as they are (an upper-case letter's entries are its lower case's). A
 * bit is set where no pattern of its bucket allows the byte pair at its lane, so a zero bit in the
 * top lane means every byte of some key of the bucket may end at this position. Each pattern is put
 * into one of eight buckets with its key: its last (up to) eight bytes ending at the end of the
 * window it is anchored on. The key's first byte is tested alone (the byte before it is not the
 * key's), the others with the low half of the byte before. Buckets take patterns of similar key
 * lengths, so that the short keys, which constrain few lanes, do not open the lanes the long ones
 * would close.
 */
final class ShiftOrTable {
  private ShiftOrTable() {}

  /** Bits of the domain: the byte and the low four bits of the byte before it. */
  static final int DOMAIN_BITS = 12;

  static final int DOMAIN_MASK = (1 << DOMAIN_BITS) - 1;

  /** Every lane but the top one set: a state ORed with it is -1 unless some bucket passes. */
  static final long LOWER_LANES = 0x00FFFFFFFFFFFFFFL;

  /** The most bytes of a key: one per lane. */
  static final int KEY = 8;

  /** Bucket 0's bit in the top lane: the one-byte keys' bucket when there are any. */
  static final long ONE_BYTE_BUCKET = 1L << 56;

  /** Bucket 0's bit in every lane (the one-byte bucket's, tested per lane of a block's word). */
  static final long ONE_BYTE_LANES = 0x0101010101010101L;

  private static final int BUCKETS = 8;

  /**
   * A built filter: its table and the buckets (bit b for bucket b) holding the keys of patterns of
   * two or three bytes ({@code shortBuckets}) and of four bytes or more ({@code longBuckets}), and
   * the entry that stands for a byte before the buffer ({@code before}): the bits set in some
   * entry, so a lane is open there only when every byte passes it (the lanes before the keys of a
   * bucket whose shortest key is shorter than eight bytes), and no key begins before the buffer.
   */
  record Reach(long[] table, int shortBuckets, int longBuckets, long before) {
    /**
     * The state after the byte before position {@code i} of a buffer, {@code prev} its eight bytes
     * before {@code i} (folded): the top lane of each read shifted by its distance, a byte before
     * the buffer read as {@link #before}, as the block loop of the scan has them.
     */
    long stateBefore(int i, long prev) {
      long state = 0;
      long bytes = i >= 8 ? prev : 0;
      for (int d = 7; d >= 0; d--) {
        int pair = (int) (bytes >>> (8 * d)) & 0xffff;
        state = state << 8 | (i - d - 1 >= 0 ? table[pair & DOMAIN_MASK] : before);
      }
      return state;
    }
  }

  /**
   * The table for keys {@code patterns[p][keyEnd[p] - min(KEY, keyEnd[p]) .. keyEnd[p])} (folded
   * bytes); an empty pattern has no key.
   */
  static Reach build(byte[][] patterns, int[] keyEnd) {
    int n = patterns.length;
    long[] byLength = new long[n];
    int keys = 0;
    for (int p = 0; p < n; p++) {
      if (patterns[p].length > 0) {
        byLength[keys++] = (long) Math.min(KEY, keyEnd[p]) << 32 | p;
      }
    }
    Arrays.sort(byLength, 0, keys);
    int[] cut = buckets(byLength, keys);
    long[] table = new long[1 << DOMAIN_BITS];
    Arrays.fill(table, -1L);
    int shortBuckets = 0;
    int longBuckets = 0;
    for (int b = 0; b < BUCKETS; b++) {
      for (int k = cut[b]; k < cut[b + 1]; k++) {
        int p = (int) byLength[k];
        allow(table, b, patterns[p], keyEnd[p], k == cut[b]);
        int len = patterns[p].length;
        shortBuckets |= len == 2 || len == 3 ? 1 << b : 0;
        longBuckets |= len >= 4 ? 1 << b : 0;
      }
    }
    upperCase(table);
    long before = 0;
    for (long entry : table) {
      before |= entry;
    }
    return new Reach(table, shortBuckets, longBuckets, before);
  }

  /**
   * Gives each upper-case ASCII letter the entries of its lower-case letter, so that the filter
   * reads the table with the buffer's bytes as they are: folding changes only bit 5 of a letter,
   * which the low half of the byte before does not hold, so every read equals the read of the
   * folded bytes.
   */
  private static void upperCase(long[] table) {
    for (int before = 0; before < 1 << (DOMAIN_BITS - 8); before++) {
      for (int c = 'A'; c <= 'Z'; c++) {
        table[before << 8 | c] = table[before << 8 | (c + 32)];
      }
    }
  }

  /**
   * Clears bucket {@code b}'s bits of the key of {@code pattern} ending at {@code end}; {@code
   * shortest} when it is the bucket's shortest key, whose lanes before it every byte passes.
   */
  private static void allow(long[] table, int b, byte[] pattern, int end, boolean shortest) {
    int len = Math.min(KEY, end);
    int from = end - len;
    if (shortest) {
      for (int lane = 0; lane < KEY - len; lane++) {
        clearAll(table, lane, b);
      }
    }
    for (int m = 0; m < len; m++) {
      int lane = KEY - len + m;
      int c = pattern[from + m] & 0xff;
      long bit = ~(1L << (8 * lane + b));
      if (m == 0) {
        for (int before = 0; before < 1 << (DOMAIN_BITS - 8); before++) {
          table[before << 8 | c] &= bit;
        }
      } else {
        table[(pattern[from + m - 1] & (DOMAIN_MASK >>> 8)) << 8 | c] &= bit;
      }
    }
  }

  private static void clearAll(long[] table, int lane, int b) {
    long bit = ~(1L << (8 * lane + b));
    for (int d = 0; d < table.length; d++) {
      table[d] &= bit;
    }
  }

  /**
   * Cuts the keys (sorted by length, {@code [0, keys)}) into eight runs: {@code cut[b] .. cut[b+1]}
   * is bucket b's. The one-byte keys, when there are any, are bucket 0 alone (a scan stops testing
   * that bucket once none of them can add a candidate); the others are cut so as to minimise the
   * sum of the buckets' estimated pass rates on random bytes (per lane, the fraction of the domain
   * some key of the bucket allows; the lanes multiplied), the cuts taken among the length changes
   * and quantiles of the keys.
   */
  private static int[] buckets(long[] byLength, int keys) {
    int ones = 0;
    while (ones < keys && byLength[ones] >>> 32 == 1) {
      ones++;
    }
    int first = ones > 0 ? 1 : 0;
    int[] cut = new int[BUCKETS + 1];
    int[] rest = cuts(byLength, ones, keys, BUCKETS - first);
    System.arraycopy(rest, 0, cut, first, rest.length);
    return cut;
  }

  /** The cuts of keys {@code [lo, hi)} into {@code nb} runs: {@code nb + 1} ascending ends. */
  private static int[] cuts(long[] byLength, int lo, int hi, int nb) {
    int[] points = cutPoints(byLength, lo, hi);
    int m = points.length;
    // shortestRun[k - lo]: the end of the run of keys as long as key k
    int[] shortestRun = new int[hi - lo];
    for (int k = hi - 1; k >= lo; k--) {
      boolean same = k + 1 < hi && byLength[k + 1] >>> 32 == byLength[k] >>> 32;
      shortestRun[k - lo] = same ? shortestRun[k + 1 - lo] : k + 1;
    }
    // best[b][j]: the least cost of cutting keys [lo, points[j]) into b buckets
    double[][] best = new double[nb + 1][m];
    int[][] from = new int[nb + 1][m];
    for (double[] row : best) {
      Arrays.fill(row, Double.MAX_VALUE);
    }
    best[0][0] = 0;
    for (int b = 1; b <= nb; b++) {
      for (int j = 0; j < m; j++) {
        for (int i = 0; i <= j; i++) {
          if (best[b - 1][i] == Double.MAX_VALUE) {
            continue;
          }
          double c = best[b - 1][i] + cost(byLength, shortestRun, lo, points[i], points[j]);
          if (c < best[b][j]) {
            best[b][j] = c;
            from[b][j] = i;
          }
        }
      }
    }
    int[] cut = new int[nb + 1];
    int j = m - 1;
    for (int b = nb; b > 0; b--) {
      cut[b] = points[j];
      j = from[b][j];
    }
    cut[0] = lo;
    return cut;
  }

  /** lo, hi, every length change and every 1/32 of the keys between, ascending. */
  private static int[] cutPoints(long[] byLength, int lo, int hi) {
    int[] points = new int[2 * KEY + 40];
    int m = 0;
    points[m++] = lo;
    for (int q = 1; q < 32; q++) {
      points[m++] = lo + (int) ((long) (hi - lo) * q / 32);
    }
    for (int k = lo + 1; k < hi; k++) {
      if (byLength[k] >>> 32 != byLength[k - 1] >>> 32) {
        points[m++] = k;
      }
    }
    points[m++] = hi;
    int[] sorted = Arrays.copyOf(points, m);
    Arrays.sort(sorted);
    int u = 0;
    for (int k = 0; k < sorted.length; k++) {
      if (k == 0 || sorted[k] != sorted[u - 1]) {
        sorted[u++] = sorted[k];
      }
    }
    return Arrays.copyOf(sorted, u);
  }

  /**
   * The estimated pass rate of a bucket holding keys {@code [a, b)} (ascending length): per lane
   * the share of the domain its keys allow, as if their byte pairs were random, multiplied. Every
   * key reaches the lanes of the shortest; the first byte of a key takes sixteen entries.
   */
  private static double cost(long[] byLength, int[] shortestRun, int lo, int a, int b) {
    if (a >= b) {
      return 0;
    }
    int shortest = (int) (byLength[a] >>> 32);
    int firsts = Math.min(b, shortestRun[a - lo]) - a;
    double pass = 1 - Math.exp(-(b - a + 15.0 * firsts) / (1 << DOMAIN_BITS));
    for (int lane = KEY - shortest + 1; lane < KEY; lane++) {
      pass *= 1 - Math.exp(-(double) (b - a) / (1 << DOMAIN_BITS));
    }
    return pass;
  }
}
