package org.vigil.stream;

import java.util.Arrays;
import org.vigil.stream.policy.OverlapPolicy;

/**
 * The reassembly store of one direction: each byte kept once in a sliding array, with an index of
 * the stored segments so overlaps are resolved per the receiver's {@link OverlapPolicy} (or,
 * inline, normalized to the first data). Offsets are stream offsets: 0 is the first byte after the
 * SYN. Confirmed holes are recorded as gaps. In IDS mode, data that arrives behind a hole and
 * beyond the array goes to {@link StreamPages} instead of growing the array; the pages are copied
 * into the array once the in-order data reaches them, so readers always find the in-order data
 * (below {@link #contig}) in the array.
 */
final class StreamBuffer {
  /** Insert result bit: the segment overlapped stored or already released bytes. */
  static final int OVERLAP = 1;

  /** Insert result bit: overlapping bytes differed from what was stored. */
  static final int DIFFERENT = 2;

  /** Insert result bit: the segment's bytes were rewritten to the first-seen data (inline). */
  static final int REWRITTEN = 4;

  /** Insert result bit: bytes past the depth were not stored. */
  static final int DEPTH = 8;

  /** Insert result bit: the memory cap refused the segment. */
  static final int MEMCAP = 16;

  /** Insert result bit: some bytes were new. */
  static final int NEW_BYTES = 32;

  /**
   * Insert result bit: the segment was taken into reassembly: its bytes were stored or compared
   * with the data still held for them (not wholly released, past the depth or refused).
   */
  static final int ADDED = 64;

  private OverlapPolicy policy;
  private boolean normalizeToFirst;
  private final StreamMemory memory;
  private long depth;

  // empty stores share these arrays: a session that never carries data (a SYN flood's) allocates
  // none of its own
  private static final byte[] NO_BYTES = new byte[0];
  private static final int[] NO_INTS = new int[0];
  private static final boolean[] NO_FLAGS = new boolean[0];

  private byte[] buf = NO_BYTES;
  private long base;
  private long released;
  private long contig;
  private long maxEnd;

  private final SegmentIndex ix = new SegmentIndex();

  private final StreamGaps gaps = new StreamGaps();

  // IDS: offsets at or after split are held in pages (split is MAX_VALUE while none is held)
  private StreamPages pages;
  private long split = Long.MAX_VALUE;

  // scratch for overlap resolution
  private int[] ov = NO_INTS;
  private boolean[] win = NO_FLAGS;
  private long storedBytes;

  StreamBuffer(OverlapPolicy policy, boolean normalizeToFirst, StreamMemory memory, long depth) {
    this.policy = policy;
    this.normalizeToFirst = normalizeToFirst;
    this.memory = memory;
    this.depth = depth;
  }

  /** End of the contiguous known data (gaps skipped count as known). */
  long contig() {
    return contig;
  }

  /** Highest stored end offset. */
  long maxEnd() {
    return maxEnd;
  }

  /** Offset below which nothing is indexed any more. */
  long released() {
    return released;
  }

  /** Lowest offset still held in the array. */
  long base() {
    return base;
  }

  byte[] array() {
    return buf;
  }

  int index(long offset) {
    return (int) (offset - base);
  }

  long depth() {
    return depth;
  }

  /** Raises the depth (0 = unlimited), as an app layer may for its sessions; it never lowers it. */
  void raiseDepth(long bytes) {
    if (depth > 0 && (bytes == 0 || bytes > depth)) {
      depth = bytes;
    }
  }

  /** The byte held at {@code off} (for tests and diagnostics). */
  byte byteAt(long off) {
    return off >= split ? pages.byteAt(off) : buf[index(off)];
  }

  int segmentCount() {
    return ix.n;
  }

  /** Payload bytes written (new and replaced) by the last insert. */
  long lastStoredBytes() {
    return storedBytes;
  }

  /**
   * Stores {@code len} bytes of {@code data} at stream offset {@code s}; returns a mask of the
   * result bits. When normalizing (inline), differing overlapped bytes of {@code data} are
   * rewritten to the stored ones.
   */
  int insert(long s, byte[] data, int off, int len) {
    storedBytes = 0;
    long e = s + len;
    int res = 0;
    if (s < released) {
      long lo = Math.max(s, base);
      long hi = Math.min(e, released);
      if (e > s) {
        res |= OVERLAP;
      }
      if (lo < hi) {
        res |= compareOutsideGaps(lo, hi, data, off, s);
      }
      if (e <= released) {
        return res;
      }
      off += (int) (released - s);
      s = released;
    }
    if (depth > 0 && e > depth) {
      res |= DEPTH;
      if (s >= depth) {
        return res;
      }
      e = depth;
    }
    if (!makeRoom(s, e)) {
      return res | MEMCAP;
    }
    res |= ADDED;
    // collect the indexed segments this one overlaps, in ascending start order
    int hiIdx = ix.lowerBound(e); // first segment starting at or after e
    int cnt = 0;
    for (int i = hiIdx - 1; i >= 0 && ix.start(i) + ix.maxLen > s; i--) {
      if (ix.end(i) > s) {
        if (cnt == ov.length) {
          ov = Arrays.copyOf(ov, Math.max(16, cnt * 2));
          win = Arrays.copyOf(win, Math.max(16, cnt * 2));
        }
        ov[cnt++] = i;
      }
    }
    for (int a = 0, b = cnt - 1; a < b; a++, b--) {
      int t = ov[a];
      ov[a] = ov[b];
      ov[b] = t;
    }
    if (cnt > 0) {
      res |= OVERLAP;
    }
    for (int k = 0; k < cnt; k++) {
      int i = ov[k];
      long lo = Math.max(s, ix.start(i));
      long hi = Math.min(e, ix.end(i));
      int cmp = compare(lo, hi, data, off, s);
      res |= cmp;
      if (normalizeToFirst) {
        win[k] = false;
      } else {
        OverlapPolicy.Start st =
            s < ix.start(i)
                ? OverlapPolicy.Start.BEFORE
                : s == ix.start(i) ? OverlapPolicy.Start.SAME : OverlapPolicy.Start.AFTER;
        win[k] = (cmp & DIFFERENT) != 0 && policy.newDataWins(st, Long.compare(e, ix.end(i)));
      }
    }
    // bytes not covered by any stored segment take the new data
    long cur = s;
    boolean coveredAll = true;
    for (int k = 0; k < cnt; k++) {
      int i = ov[k];
      if (ix.start(i) > cur) {
        copyIn(cur, ix.start(i), data, off, s);
        coveredAll = false;
      }
      cur = Math.max(cur, ix.end(i));
    }
    if (cur < e) {
      copyIn(cur, e, data, off, s);
      coveredAll = false;
    }
    for (int k = 0; k < cnt; k++) {
      if (win[k]) {
        int i = ov[k];
        copyIn(Math.max(s, ix.start(i)), Math.min(e, ix.end(i)), data, off, s);
      }
    }
    if (!coveredAll) {
      res |= NEW_BYTES;
      ix.add(hiIdx, s, e);
      if (e > maxEnd) {
        maxEnd = e;
      }
      if (s <= contig) {
        advanceContig();
      }
    }
    return res;
  }

  /**
   * Compares released bytes with the segment, skipping skipped gaps (whose bytes were never
   * received).
   */
  private int compareOutsideGaps(long lo, long hi, byte[] data, int off, long s) {
    int res = 0;
    long cur = lo;
    for (int i = 0; i < gaps.count() && cur < hi; i++) {
      if (gaps.end(i) <= cur) {
        continue;
      }
      if (gaps.start(i) >= hi) {
        break;
      }
      if (gaps.start(i) > cur) {
        res |= compare(cur, gaps.start(i), data, off, s);
      }
      cur = gaps.end(i);
    }
    if (cur < hi) {
      res |= compare(cur, hi, data, off, s);
    }
    return res;
  }

  private int compare(long lo, long hi, byte[] data, int off, long s) {
    int bi = index(lo);
    int di = off + (int) (lo - s);
    int len = (int) (hi - lo);
    if (hi > split) {
      // normalizing (inline) never pages, so only a difference is reported here
      int inArray = (int) Math.max(0, split - lo);
      return (inArray == 0 || Arrays.equals(buf, bi, bi + inArray, data, di, di + inArray))
              && pages.equal(lo + inArray, data, di + inArray, len - inArray)
          ? 0
          : DIFFERENT;
    }
    if (Arrays.equals(buf, bi, bi + len, data, di, di + len)) {
      return 0;
    }
    if (normalizeToFirst) {
      System.arraycopy(buf, bi, data, di, len);
      return DIFFERENT | REWRITTEN;
    }
    return DIFFERENT;
  }

  private void copyIn(long lo, long hi, byte[] data, int off, long s) {
    int len = (int) (hi - lo);
    int di = off + (int) (lo - s);
    if (hi > split) {
      int inArray = (int) Math.max(0, split - lo);
      if (inArray > 0) {
        System.arraycopy(data, di, buf, index(lo), inArray);
      }
      pages.write(lo + inArray, data, di + inArray, len - inArray);
    } else {
      System.arraycopy(data, di, buf, index(lo), len);
    }
    storedBytes += len;
  }

  private void advanceContig() {
    contig = ix.runFrom(contig);
  }

  /**
   * The receiver acknowledged up to {@code ackOffset}: holes below it will never be filled, so skip
   * them as gaps. Returns the total gap length skipped.
   */
  long skipGapsTo(long ackOffset) {
    long limit = depth > 0 ? Math.min(ackOffset, depth) : ackOffset;
    if (split != Long.MAX_VALUE && ix.runOverHoles(contig, limit) > split && !absorb(maxEnd)) {
      dropPaged(); // no room to bring the paged data in order: it is lost like a refused segment
    }
    long skipped = 0;
    while (contig < limit) {
      long gapEnd = ix.holeEnd(contig, limit);
      if (gapEnd <= contig) {
        break;
      }
      gaps.add(contig, gapEnd);
      skipped += gapEnd - contig;
      contig = gapEnd;
      advanceContig();
    }
    return skipped;
  }

  /** Index of the first gap ending after {@code off}, or -1. */
  int gapAfter(long off) {
    return gaps.after(off);
  }

  long gapStart(int i) {
    return gaps.start(i);
  }

  long gapEnd(int i) {
    return gaps.end(i);
  }

  /**
   * The earliest byte still held in the array from which data runs without a gap up to {@code off}.
   */
  long runStart(long off) {
    return gaps.runStart(base, off);
  }

  /**
   * Everything below {@code floor} has been consumed: drop it from the index and let the array
   * slide.
   */
  void release(long floor) {
    floor = Math.min(floor, contig);
    if (floor <= released) {
      return;
    }
    released = floor;
    ix.dropEndingBy(floor);
    gaps.dropBelow(base);
  }

  /**
   * Keeps at most {@code keepBelow} released bytes before the release point (for retransmission
   * checks).
   */
  private void slide(long keepBelow) {
    long newBase = Math.max(base, released - keepBelow);
    if (newBase <= base) {
      return;
    }
    long keepEnd = Math.max(Math.min(maxEnd, Math.min(split, base + buf.length)), newBase);
    int len = (int) (keepEnd - newBase);
    if (len > 0) {
      System.arraycopy(buf, index(newBase), buf, 0, len);
    }
    base = newBase;
    gaps.dropBelow(base);
  }

  /**
   * Makes room for the bytes [s, e): in the array, or (IDS, data behind a hole beyond the array) in
   * pages; data that makes the in-order end pass the paged offsets first brings the pages into the
   * array. False when the memcap refuses.
   */
  private boolean makeRoom(long s, long e) {
    if (split == Long.MAX_VALUE) {
      if (e - base <= buf.length) {
        return true;
      }
      slide(0);
      if (e - base <= buf.length || normalizeToFirst || s <= contig) {
        return ensureCapacity(e, 0);
      }
      if (pages == null) {
        pages = new StreamPages(memory);
      }
      long from = base + buf.length;
      if (!pages.ensure(Math.max(s, from), e)) {
        return false;
      }
      split = from;
      return true;
    }
    if (s <= contig && ix.runFrom(Math.max(contig, e)) > split) {
      return absorb(Math.max(maxEnd, e));
    }
    return e <= split || pages.ensure(Math.max(s, split), e);
  }

  /**
   * Brings the paged data into the array, which then holds everything up to {@code end}; false
   * (nothing changed) when the memcap refuses the larger array.
   */
  private boolean absorb(long end) {
    slide(0);
    boolean grow = end - base > buf.length;
    if (grow && !ensureCapacity(end, pages.reserved())) {
      return false;
    }
    pages.copyTo(buf, base, split, Math.min(maxEnd, base + buf.length));
    pages.clear(!grow); // a grown array took over the pages' reservation
    split = Long.MAX_VALUE;
    return true;
  }

  /** Drops the paged data (no room to bring it in order): the index keeps what the array holds. */
  private void dropPaged() {
    ix.cutAt(split);
    maxEnd = Math.min(maxEnd, split);
    pages.clear(true);
    split = Long.MAX_VALUE;
  }

  /** Grows the array to hold [base, e), its growth reserved less {@code credit} (pages freed). */
  private boolean ensureCapacity(long e, long credit) {
    if (e - base <= buf.length) {
      return true;
    }
    slide(0);
    long need = e - base;
    if (need <= buf.length) {
      return true;
    }
    int newLen = memory.grantArray(need, buf.length, credit);
    if (newLen < 0) {
      return false;
    }
    int keep = (int) Math.max(0, Math.min(maxEnd, split) - base);
    byte[] nb = memory.takeArray(newLen, buf, Math.min(keep, buf.length));
    memory.giveArray(buf);
    buf = nb;
    return true;
  }

  /**
   * Whether the byte at {@code off} is held (stored by some segment, or released after delivery).
   */
  boolean covered(long off) {
    if (off < released) {
      return off >= base;
    }
    return ix.covers(off);
  }

  /**
   * Made new again for another session (every field; the array must have been freed): the scratch
   * arrays and a grown index are dropped too, so a reused store holds little of its last session.
   */
  void reopen(OverlapPolicy policy, boolean normalizeToFirst, long depth) {
    discard();
    this.policy = policy;
    this.normalizeToFirst = normalizeToFirst;
    this.depth = depth;
    base = 0;
    released = 0;
    contig = 0;
    maxEnd = 0;
    gaps.clear(true);
    storedBytes = 0;
  }

  /** Frees the array and drops the index and scratch arrays (a store no session reads any more). */
  void discard() {
    free();
    ix.clear(true);
    gaps.clear(false);
    ov = NO_INTS;
    win = NO_FLAGS;
  }

  /** Frees the array and the pages, and returns their memory. */
  void free() {
    memory.releaseArray(buf);
    buf = NO_BYTES;
    if (pages != null) {
      pages.clear(true);
      split = Long.MAX_VALUE;
    }
    base = released;
    ix.clear(false);
  }
}
