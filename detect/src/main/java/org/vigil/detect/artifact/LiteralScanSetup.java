package org.vigil.detect.artifact;

import java.util.Arrays;

/**
 * The passes over a pattern set that set up a {@link LiteralScan}'s tables, each a method of its
 * own: the set-up runs once per prefilter and scope, hundreds of times while a ruleset loads, and
 * small methods are compiled once each where one long constructor would be compiled again on stack
 * replacement at every long loop it reaches.
 */
final class LiteralScanSetup {
  private LiteralScanSetup() {}

  /**
   * Puts into {@code first} the patterns that only rules anchored near the buffer's start accept
   * (an empty pattern for the others); returns the bytes their scan covers, 0 when there are none.
   */
  static int nearStart(byte[][] given, int[] lastStart, byte[][] first) {
    int end = 0;
    for (int p = 0; p < given.length; p++) {
      int len = given[p].length;
      boolean near = len > 0 && lastStart[p] <= LiteralScan.EARLY_END - len;
      first[p] = near ? given[p] : new byte[0];
      end = near ? Math.max(end, lastStart[p] + len) : end;
    }
    return end;
  }

  /** The patterns as given with those of the early scan ({@code first}) left empty. */
  static byte[][] withoutNear(byte[][] given, byte[][] first) {
    byte[][] patterns = new byte[given.length][];
    for (int p = 0; p < given.length; p++) {
      patterns[p] = first[p].length > 0 ? new byte[0] : given[p];
    }
    return patterns;
  }

  /**
   * Whether a non-empty pattern is not near the start: not put into {@code first} (whose entries
   * are null when the patterns were not split).
   */
  static boolean hasFar(byte[][] given, byte[][] first) {
    for (int p = 0; p < given.length; p++) {
      if (given[p].length > 0 && (first[p] == null || first[p].length == 0)) {
        return true;
      }
    }
    return false;
  }

  /** Marks in {@code has} the length classes (1, 2, 3, 4 or more); returns the patterns of 4+. */
  static int lengthClasses(byte[][] patterns, boolean[] has) {
    int longs = 0;
    for (byte[] b : patterns) {
      has[Math.min(b.length, 4)] = true;
      longs += b.length >= 4 ? 1 : 0;
    }
    return longs;
  }

  /**
   * The cost of anchoring a pattern on {@code window} at offset {@code d}: how often a scan would
   * confirm it, estimated as how common its bytes are in traffic times the patterns sharing it,
   * doubled for each byte the shift-or key before it lacks (a key is the eight bytes ending at the
   * window). Zero bytes weigh most (runs of them fill binary payloads: a pattern anchored on four
   * zeros is looked up at every position of such a run), then 0xff, small integers' bytes, space
   * and line ends, then letters and digits.
   */
  static long anchorCost(int window, WindowCounts counts, int d) {
    long common = 1;
    for (int k = 0; k < 4; k++) {
      common *= COMMON[(window >>> (8 * k)) & 0xff];
    }
    int missing = ShiftOrTable.KEY - Math.min(ShiftOrTable.KEY, d + 4);
    return (common * counts.count(window)) << missing;
  }

  /** Per byte value (folded): a weight for how common it is in traffic (see anchorCost). */
  private static final int[] COMMON = new int[256];

  static {
    for (int c = 0; c < 256; c++) {
      boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      COMMON[c] = alnum ? 2 : 1;
    }
    COMMON[0x00] = 32;
    COMMON[0xff] = 8;
    COMMON[0x01] = 4;
    COMMON[' '] = 4;
    COMMON['\r'] = 4;
    COMMON['\n'] = 4;
  }

  /**
   * The distinct four-byte windows of a pattern set ({@code windows[0..size)}, sorted), counted.
   */
  record WindowCounts(int[] windows, int[] counts, int size) {
    int count(int window) {
      return counts[Arrays.binarySearch(windows, 0, size, window)];
    }
  }

  /** How many patterns have each window: every window of every pattern, once per pattern. */
  static WindowCounts windowCounts(byte[][] patterns) {
    int total = 0;
    for (byte[] b : patterns) {
      total += Math.max(0, b.length - 3);
    }
    int[] all = new int[total];
    int m = 0;
    for (byte[] b : patterns) {
      m = distinctWindows(b, all, m);
    }
    Arrays.sort(all, 0, m);
    int[] windows = new int[m];
    int[] counts = new int[m];
    int distinct = 0;
    for (int k = 0; k < m; k++) {
      if (k == 0 || all[k] != all[k - 1]) {
        windows[distinct++] = all[k];
      }
      counts[distinct - 1]++;
    }
    return new WindowCounts(windows, counts, distinct);
  }

  /** Appends the distinct windows of {@code b} to {@code all} from {@code m}; returns the end. */
  static int distinctWindows(byte[] b, int[] all, int m) {
    int from = m;
    for (int d = 0; d + 4 <= b.length; d++) {
      all[m++] = FoldedBytes.window(b, d);
    }
    Arrays.sort(all, from, m);
    int u = from;
    for (int k = from; k < m; k++) {
      if (k == from || all[k] != all[k - 1]) {
        all[u++] = all[k];
      }
    }
    return u;
  }

  /**
   * The pattern ids ordered by key (then id): sorted (key, pattern) pairs, a key taking 35 bits
   * (length class, window), a pattern id 27.
   */
  static int[] byKey(long[] key) {
    int n = key.length;
    long[] sorted = new long[n];
    for (int p = 0; p < n; p++) {
      sorted[p] = key[p] << 27 | p;
    }
    Arrays.sort(sorted);
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = (int) (sorted[k] & ((1 << 27) - 1));
    }
    return order;
  }

  static int distinctKeys(long[] key, int[] order) {
    int distinct = 0;
    for (int k = 0; k < order.length; k++) {
      if (k == 0 || key[order[k]] != key[order[k - 1]]) {
        distinct++;
      }
    }
    return distinct;
  }
}
