package org.vigil.detect.artifact;

/**
 * The scan of a {@link Prefilter}'s patterns by hashed prefixes instead of its automaton: a 32-bit
 * window of the last four ASCII-lower-cased bytes rolls over the buffer; each position tests the
 * window's hash in a bit set of the patterns' anchor windows (four bytes, patterns of four bytes or
 * more), its last two bytes in a bit set of the two- and three-byte patterns' last two bytes, and
 * its last byte in this scan's set of the one-byte patterns still able to add a candidate. These
 * stay in the first-level cache and no test waits on the one before, so a byte costs a few
 * instructions where the automaton costs a dependent read of a table that does not fit the cache.
 * The buffer is read eight bytes at a time into a register and folded there, so a byte costs no
 * load of its own and no look-up of its folded value. An anchor bit is checked in a second, larger
 * bit set under another hash before the window is looked up, so the first set's false positives
 * rarely go further. A hit is confirmed through a hash table from the exact prefix to the patterns
 * having it ({@link PrefixRuns}), each compared in full, and reported as the automaton reports it,
 * so the candidates are the automaton's.
 *
 * <p>In front of those tests runs a bucketed shift-or filter ({@link ShiftOrTable}): per byte one
 * read of a 32 KiB table, shifted and ORed with the reads of the bytes before, decides whether the
 * key (up to eight bytes ending at the anchor window) of some pattern may end here, and only such
 * positions are tested as above. The eight reads of a block of eight bytes are independent and ORed
 * into one word holding the filter's verdict for each of the block's positions, tested once. On
 * sets of thousands of patterns the bit sets pass a position in every few bytes, while the filter's
 * eight lanes of byte pairs pass far fewer; the early scan below keeps the bit-set tests alone. The
 * filter knows which of its buckets hold patterns of two or three bytes and which of four or more,
 * so a position is confirmed only for the length classes whose buckets pass it, and a position only
 * the one-byte bucket passes is not tested unless its byte is a one-byte pattern still able to add
 * a candidate.
 *
 * <p>A pattern is done for the rest of a scan once nothing it could still report adds a candidate:
 * found at a start where every rule of it already accepted it or can no longer ({@code doneAt}), or
 * looked for past the last start a rule of it accepts ({@code lastStart}). A prefix whose patterns
 * are all done is remembered as spent in the candidate set, so that a run of a common short pattern
 * ({@code |00 00|} in binary data, padding) costs a look into a small memo per byte instead of a
 * probe of the prefix table and a comparison, and a spent one-byte prefix stops hitting at all; a
 * block of eight bytes of one value following such a spent window of that value is passed over
 * without a table read. The patterns that only rules anchored near the start of the buffer accept
 * (their last accepted occurrence ends within {@link #EARLY_END} bytes: {@code |00 00|; depth:2}, a
 * protocol's first bytes) have their own scan over the buffer's first bytes and are absent from the
 * full scan.
 */
final class LiteralScan {
  private static final int HASH = 0x9E3779B1;

  /** The second anchor hash (a different odd multiplier, so its top bits are independent). */
  private static final int HASH2 = 0x85EBCA6B;

  /** Patterns whose every accepted occurrence ends within this many bytes scan the prefix only. */
  static final int EARLY_END = 32;

  /** A bit set of 2^16 bits with no bit set, shared by the scans having no pattern of its kind. */
  private static final long[] NO_BITS = new long[1 << 10];

  /** Bits of the hashed anchor windows (four bytes) of the patterns of four bytes or more. */
  private final long[] long4;

  /** The same windows under {@link #HASH2}, in a set sized to the patterns (the second test). */
  private final long[] long4b;

  private final int shift4b;

  /** Bits of the patterns of one byte, of two bytes, and of the hashed patterns of three bytes. */
  private final long[] short1 = new long[4];

  private final long[] short2;
  private final long[] short3;

  /** Bits of the last two bytes of every pattern of two or three bytes. */
  private final long[] shortLast2;

  private final boolean has1;
  private final boolean has2;
  private final boolean has3;
  private final boolean has4;

  /** The scan of the patterns found only near the buffer's start, or null. */
  private final LiteralScan early;

  /** The bytes {@link #early} scans: every occurrence its patterns' rules accept ends there. */
  private final int earlyEnd;

  /** Whether this scan has patterns of its own (not only {@link #early}'s). */
  private final boolean hasOwn;

  /** The patterns as given (those of {@link #early} among them). */
  private final byte[][] given;

  /** The patterns by prefix, each confirmed in full where its prefix is found. */
  private final PrefixRuns runs;

  /**
   * The system property that makes the scans made afterwards test the bit sets at every byte
   * instead of the shift-or filter (for measuring one against the other).
   */
  static final String BITS_LOOP = "vigil.prefilter.bits-loop";

  /** Whether the scan runs the shift-or filter (else the bit sets at every byte). */
  private final boolean shiftOr;

  /** Per pattern: the end of its key in the shift-or filter (see {@link ShiftOrTable}). */
  private final int[] keyEnd;

  /** The shift-or filter's table, made on the first scan (most scans set up are never run). */
  private volatile ShiftOrTable.Reach reach;

  /** Folded pattern bytes by pattern id. */
  private final byte[][] bytes;

  /** Per pattern: a found start from which the pattern can add no candidate in this scan. */
  private final int[] doneAt;

  /** Per pattern: the last start position some rule of it accepts. */
  private final int[] lastStart;

  /**
   * Patterns with the given folded bytes (pattern {@code p} is {@code patterns[p]}); {@code doneAt}
   * the start from which a found pattern has given all its candidates (a pattern whose rules accept
   * it anywhere: 0), {@code lastStart} the last start position at which some rule of each pattern
   * accepts it. A pattern of four bytes or more is anchored on the window of four with the least
   * {@link LiteralScanSetup#anchorCost} (the later one on a tie): few patterns share it, so that
   * those with a common start ({@code user-agent: ...}) spread over many table entries and a hit
   * confirms few of them, and its bytes are not the commonest in traffic (four zeros).
   */
  LiteralScan(byte[][] patterns, int[] doneAt, int[] lastStart) {
    this(patterns, true, doneAt, lastStart);
  }

  // each pass over the patterns is a method of its own, so that the JIT compiles small loops (see
  // LiteralScanSetup)
  private LiteralScan(byte[][] given, boolean split, int[] doneAt, int[] lastStart) {
    this.given = given;
    this.doneAt = doneAt;
    this.lastStart = lastStart;
    int n = given.length;
    byte[][] patterns = given;
    byte[][] first = new byte[n][];
    int end = split ? LiteralScanSetup.nearStart(given, lastStart, first) : 0;
    if (end > 0) {
      early = new LiteralScan(first, false, doneAt, lastStart);
      patterns = LiteralScanSetup.withoutNear(given, first);
    } else {
      early = null;
    }
    earlyEnd = end;
    hasOwn = LiteralScanSetup.hasFar(given, first);
    this.bytes = patterns;
    boolean[] has = new boolean[5];
    int longs = LiteralScanSetup.lengthClasses(patterns, has);
    has1 = has[1];
    has2 = has[2];
    has3 = has[3];
    has4 = has[4];
    long4 = has4 ? new long[1 << 10] : NO_BITS;
    int bits = Integer.highestOneBit(Math.min(1 << 20, Math.max(1 << 10, longs * 64)));
    long4b = new long[bits >>> 6];
    shift4b = 32 - Integer.numberOfTrailingZeros(bits);
    short2 = has2 ? new long[1 << 10] : NO_BITS;
    short3 = has3 ? new long[1 << 10] : NO_BITS;
    shortLast2 = has2 || has3 ? new long[1 << 10] : NO_BITS;
    LiteralScanSetup.WindowCounts counts = LiteralScanSetup.windowCounts(patterns);
    long[] key = new long[n];
    int[] off = new int[n];
    anchors(patterns, counts, key, off);
    keyEnd = new int[n];
    for (int p = 0; p < n; p++) {
      keyEnd[p] = patterns[p].length >= 4 ? off[p] + 4 : patterns[p].length;
    }
    // the early scan covers a few dozen bytes: no filter table for it
    shiftOr = split && !Boolean.getBoolean(BITS_LOOP);
    runs = new PrefixRuns(patterns, key, off, doneAt, lastStart);
  }

  /** Sets every pattern's table key ({@code key}), anchor offset ({@code off}) and bits. */
  private void anchors(
      byte[][] patterns, LiteralScanSetup.WindowCounts counts, long[] key, int[] off) {
    for (int p = 0; p < patterns.length; p++) {
      key[p] = anchor(patterns[p], counts, p, off);
    }
  }

  /**
   * The table key of pattern {@code p} (bytes {@code b}): its length class and the window it is
   * anchored on, whose offset goes to {@code off[p]}; sets the pattern's bits.
   */
  private long anchor(byte[] b, LiteralScanSetup.WindowCounts counts, int p, int[] off) {
    int len = b.length;
    if (len >= 4) {
      int best = 0;
      long least = Long.MAX_VALUE;
      for (int d = 0; d + 4 <= len; d++) {
        long cost = LiteralScanSetup.anchorCost(FoldedBytes.window(b, d), counts, d);
        if (cost <= least) {
          best = d;
          least = cost;
        }
      }
      int w = FoldedBytes.window(b, best);
      off[p] = best;
      set(long4, (w * HASH) >>> 16);
      set(long4b, (w * HASH2) >>> shift4b);
      return 4L << 32 | (w & 0xffffffffL);
    }
    if (len == 0) {
      return 0; // never looked up: an empty pattern has no end position
    }
    int w = FoldedBytes.window(b, 0) >>> (8 * (4 - len));
    switch (len) {
      case 1 -> set(short1, w);
      case 2 -> {
        set(short2, w);
        set(shortLast2, w);
      }
      default -> {
        set(short3, (w * HASH) >>> 16);
        set(shortLast2, w & 0xffff);
      }
    }
    return (long) len << 32 | (w & 0xffffffffL);
  }

  private static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  /** Bytes held by the tables (bit sets, prefix table, runs), those of the early scan with them. */
  long tableBytes() {
    long b = 8L * (owned(long4) + long4b.length + short1.length + owned(short2) + owned(short3));
    b += 8L * owned(shortLast2) + runs.tableBytes();
    b += shiftOr && hasOwn ? 8L << ShiftOrTable.DOMAIN_BITS : 0; // the filter's, once made
    return b + (early == null ? 0 : early.tableBytes());
  }

  private static int owned(long[] bits) {
    return bits == NO_BITS ? 0 : bits.length;
  }

  /** Folded bytes of pattern {@code p}. */
  byte[] pattern(int p) {
    return given[p];
  }

  /** The start from which a found pattern {@code p} has given all its candidates in a scan. */
  int doneAt(int p) {
    return doneAt[p];
  }

  /** The last start position at which some rule of pattern {@code p} accepts it. */
  int lastStart(int p) {
    return lastStart[p];
  }

  /** Reports every occurrence of every pattern in {@code data[base .. base+len)}. */
  void scan(byte[] data, int base, int len, PatternReport owner, CandidateSet out) {
    scan(data, base, len, 0, owner, out);
  }

  /**
   * As {@link #scan(byte[], int, int, PatternReport, CandidateSet)} for bytes that begin {@code
   * shift} bytes into the buffer ({@code owner} moves the positions back): the early scan's
   * patterns are accepted only in the buffer's first {@link #earlyEnd} bytes, so it covers those of
   * them that are among these bytes, none when {@code shift} is past them.
   */
  void scan(byte[] data, int base, int len, int shift, PatternReport owner, CandidateSet out) {
    int earlyLen = Math.min(len, earlyEnd - shift);
    if (early != null && earlyLen > 0) {
      early.scanOwn(data, base, earlyLen, owner, out);
    }
    if (hasOwn) {
      if (shiftOr) {
        scanShiftOr(data, base, len, owner, out);
      } else {
        scanOwn(data, base, len, owner, out);
      }
    }
  }

  /** The filter's table, made now if this is the first scan. */
  private ShiftOrTable.Reach reach() {
    ShiftOrTable.Reach t = reach;
    if (t == null) {
      // a race makes the same table twice; the volatile write publishes its contents
      t = ShiftOrTable.build(bytes, keyEnd);
      reach = t;
    }
    return t;
  }

  private void scanShiftOr(byte[] data, int base, int len, PatternReport owner, CandidateSet out) {
    // per block of eight bytes: eight independent table reads, ORed into one word whose lane
    // 7 - k is the top lane the byte-by-byte state would have after byte k, and one test of the
    // word; a position where some bucket's key may end goes to hit(), which tests the bit
    // sets and confirms
    final ShiftOrTable.Reach filter = reach();
    final long[] t = filter.table();
    final int shortBuckets = filter.shortBuckets();
    final int longBuckets = filter.longBuckets();
    final long[] live = out.startScan(bytes.length, short1);
    // per lane, the bits not tested: the one-byte bucket's once no one-byte pattern can add a
    // candidate (a space or a zero would otherwise pass at every occurrence)
    long ignore = 0;
    final long ones = has1 ? ShiftOrTable.ONE_BYTE_LANES : 0;
    // the lanes the bytes before the block give the block's positions; at the start those of the
    // bytes before the buffer, which no key's byte is (an occurrence lies in the buffer)
    final long b = filter.before();
    long carry = b << 56 | b << 48 | b << 40 | b << 32 | b << 24 | b << 16 | b << 8;
    long spentWindow = Long.MIN_VALUE;
    // when the spent window is four times one byte: that byte eight times, and the carry a block
    // of it leaves (a block of it after that window has every window spent: no test, no hit)
    boolean spentRun = false;
    long run = 0;
    long runCarry = 0;
    // the eight bytes before x as they are (zeros before the buffer): the table is read with the
    // bytes unfolded, the windows are folded only in a block where some position passes (a run
    // compared unfolded is skipped only when its bytes are already folded)
    long prev = 0;
    int i = 0;
    for (int stop = len - 7; i < stop; i += 8) {
      long x = FoldedBytes.rawLong(data, base + i);
      if (spentRun && x == run && (int) prev == (int) x) {
        carry = runCarry;
        prev = x;
        continue;
      }
      long r0 = t[(int) (prev << 8 | x >>> 56) & ShiftOrTable.DOMAIN_MASK];
      long r1 = t[(int) (x >>> 48) & ShiftOrTable.DOMAIN_MASK];
      long r2 = t[(int) (x >>> 40) & ShiftOrTable.DOMAIN_MASK];
      long r3 = t[(int) (x >>> 32) & ShiftOrTable.DOMAIN_MASK];
      long r4 = t[(int) (x >>> 24) & ShiftOrTable.DOMAIN_MASK];
      long r5 = t[(int) (x >>> 16) & ShiftOrTable.DOMAIN_MASK];
      long r6 = t[(int) (x >>> 8) & ShiftOrTable.DOMAIN_MASK];
      long r7 = t[(int) x & ShiftOrTable.DOMAIN_MASK];
      // byte k's read reaches the top lane after byte k + 7 - L from its lane L: shifted right by
      // k lanes it lands in that position's lane, what falls off goes to the next block's
      long lanes =
          carry | r0 | r1 >>> 8 | r2 >>> 16 | r3 >>> 24 | r4 >>> 32 | r5 >>> 40 | r6 >>> 48
              | r7 >>> 56;
      carry = r1 << 56 | r2 << 48 | r3 << 40 | r4 << 32 | r5 << 24 | r6 << 16 | r7 << 8;
      long open = ~(lanes | ignore);
      long fx = open != 0 ? FoldedBytes.fold(x) : 0;
      long fp = open != 0 ? FoldedBytes.fold(prev) : 0;
      while (open != 0) {
        // the first position of the block (the highest lane) whose lane some bucket passes
        int k = Long.numberOfLeadingZeros(open) >>> 3;
        long lane = 0xFF00000000000000L >>> (8 * k);
        open &= ~lane;
        // the buckets passing this position
        int buckets = (int) (~(lanes | ignore) >>> (56 - 8 * k)) & 0xff;
        int w = k == 7 ? (int) fx : (int) (fp << (8 + 8 * k) | fx >>> (56 - 8 * k));
        boolean longs = (buckets & longBuckets) != 0;
        boolean shorts = (buckets & shortBuckets) != 0;
        if (!longs && !shorts && (live[w >>> 6 & 3] & (1L << w)) == 0) {
          // no bucket of patterns of two bytes or more passes, and no one-byte pattern that can
          // still add a candidate is this byte
          continue;
        }
        if (w != spentWindow) {
          if (hit(w, i + k, longs, shorts, data, base, len, owner, out, live) && i + k >= 3) {
            spentWindow = w;
            spentRun = w == (w & 0xff) * 0x01010101;
            run = (w & 0xffL) * 0x0101010101010101L;
            long r = t[w & ShiftOrTable.DOMAIN_MASK];
            runCarry = r << 56 | r << 48 | r << 40 | r << 32 | r << 24 | r << 16 | r << 8;
          }
          ignore |= (live[0] | live[1] | live[2] | live[3]) == 0 ? ones : 0;
        }
      }
      prev = x;
    }
    scanShiftOrTail(
        filter, i, FoldedBytes.fold(prev), data, base, len, owner, out, live, spentWindow);
  }

  /**
   * The last bytes (fewer than eight) of {@link #scanShiftOr}, from {@code i}, with the filter's
   * state rebuilt from the eight bytes before them ({@code prev}, folded), byte by byte.
   */
  private void scanShiftOrTail(
      ShiftOrTable.Reach filter,
      int i,
      long prev,
      byte[] data,
      int base,
      int len,
      PatternReport owner,
      CandidateSet out,
      long[] live,
      long spentWindow) {
    if (i >= len) {
      return;
    }
    final long[] t = filter.table();
    long state = filter.stateBefore(i, prev);
    long ignore =
        has1 && (live[0] | live[1] | live[2] | live[3]) == 0
            ? ShiftOrTable.LOWER_LANES | ShiftOrTable.ONE_BYTE_BUCKET
            : ShiftOrTable.LOWER_LANES;
    final byte[] fold = FoldedBytes.FOLD;
    int w = (int) prev;
    for (; i < len; i++) {
      w = w << 8 | fold[data[base + i] & 0xff] & 0xff;
      state = state << 8 | t[w & ShiftOrTable.DOMAIN_MASK];
      if ((state | ignore) != -1L
          && w != spentWindow
          && hit(w, i, true, true, data, base, len, owner, out, live)
          && i >= 3) {
        spentWindow = w;
      }
    }
  }

  private void scanOwn(byte[] data, int base, int len, PatternReport owner, CandidateSet out) {
    // one test of three bits per byte; the rare hit is sorted out by hit(), out of the loop
    final byte[] fold = FoldedBytes.FOLD;
    final long[] l4 = long4;
    final long[] last2 = shortLast2;
    final long[] live = out.startScan(bytes.length, short1);
    int w = 0;
    // a window all of whose prefixes are spent (a run of one byte, padding): seen again, it can
    // add nothing (a long, so that no window equals it before one is spent)
    long spentWindow = Long.MIN_VALUE;
    int i = 0;
    for (int stop = len - 7; i < stop; i += 8) {
      long x = FoldedBytes.foldedLong(data, base + i);
      for (int k = 0; k < 8; k++) {
        int c = (int) (x >>> (56 - 8 * k)) & 0xff;
        w = w << 8 | c;
        int h = (w * HASH) >>> 16;
        int y = w & 0xffff;
        if (((l4[h >>> 6] >>> h | last2[y >>> 6] >>> y | live[c >>> 6] >>> c) & 1) != 0
            && w != spentWindow
            && hit(w, i + k, true, true, data, base, len, owner, out, live)
            && i + k >= 3) {
          spentWindow = w;
        }
      }
    }
    // the last bytes, fewer than eight
    for (; i < len; i++) {
      int c = fold[data[base + i] & 0xff] & 0xff;
      w = w << 8 | c;
      int h = (w * HASH) >>> 16;
      int x = w & 0xffff;
      if (((l4[h >>> 6] >>> h | last2[x >>> 6] >>> x | live[c >>> 6] >>> c) & 1) != 0
          && w != spentWindow
          && hit(w, i, true, true, data, base, len, owner, out, live)
          && i >= 3) {
        spentWindow = w;
      }
    }
  }

  /**
   * The windows ending at {@code i} that some pattern may be anchored on, confirmed; true when all
   * of them are spent. {@code longs} and {@code shorts} false: the filter passes no pattern of four
   * bytes or more, or of two or three, ending here, so those are not confirmed (and a window having
   * such patterns is not spent: the filter may pass them where the same window comes again).
   */
  private boolean hit(
      int w,
      int i,
      boolean longs,
      boolean shorts,
      byte[] data,
      int base,
      int len,
      PatternReport owner,
      CandidateSet out,
      long[] live) {
    boolean spent = true;
    int h = (w * HASH) >>> 16;
    if (has4 && i >= 3 && (long4[h >>> 6] & (1L << h)) != 0) {
      int g = (w * HASH2) >>> shift4b;
      if (!longs) {
        spent = false;
      } else if ((long4b[g >>> 6] & (1L << g)) != 0) {
        spent = runs.confirm(4, w, i, data, base, len, owner, out);
      }
    }
    int c = w & 0xff;
    if ((live[c >>> 6] & (1L << c)) != 0) {
      if (runs.confirm(1, c, i, data, base, len, owner, out)) {
        live[c >>> 6] &= ~(1L << c); // no later occurrence of this byte can add a candidate
      } else {
        spent = false;
      }
    }
    if (has2 && i >= 1 && (short2[(w & 0xffff) >>> 6] & (1L << w)) != 0) {
      spent &= shorts && runs.confirm(2, w & 0xffff, i, data, base, len, owner, out);
    }
    if (has3 && i >= 2) {
      int h3 = ((w & 0xffffff) * HASH) >>> 16;
      if ((short3[h3 >>> 6] & (1L << h3)) != 0) {
        spent &= shorts && runs.confirm(3, w & 0xffffff, i, data, base, len, owner, out);
      }
    }
    return spent;
  }
}
