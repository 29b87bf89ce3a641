package org.vigil.stream;

import java.util.Arrays;

/**
 * Out-of-order data of one direction that lies beyond its store's array, in fixed-size pages taken
 * from the budget's pool: data behind a hole costs the pages it touches, never a doubled array, and
 * a flood's pages go back to the pool for the next flows. Pages are numbered by stream offset
 * ({@code offset >>> SHIFT}); the directory starts at the page of the offset where paged data
 * begins. Pages and directory are reserved in the {@link StreamMemory} they come from. The pages
 * are native memory ({@link NativePages}) named by address in a {@code long[]} directory: a flood's
 * data held behind holes costs exactly its pages and their 8-byte slots, with no object per page on
 * the Java heap.
 */
final class StreamPages {
  /** Page size as a power of two. */
  static final int SHIFT = 12;

  /** Bytes of a page. */
  static final int SIZE = 1 << SHIFT;

  private static final int MASK = SIZE - 1;

  /** Bytes reserved per directory slot (a page address). */
  private static final int SLOT_BYTES = 8;

  /** Most directory slots (pages between the first and the last): a 1 GiB window. */
  private static final int MAX_SLOTS = 1 << 18;

  private static final long[] NO_PAGES = new long[0];

  private final StreamMemory memory;
  private long first;
  // page addresses by page number less first, 0 where no page is held; the same array as
  // lost.pages, so pages of a store dropped without clear() are freed once it is unreachable
  private long[] dir;
  private final NativePages.Held lost = new NativePages.Held();
  private int held;
  private long reserved;

  StreamPages(StreamMemory memory) {
    this.memory = memory;
    this.dir = lost.pages;
    NativePages.reclaim(this, lost);
  }

  /** Whether no page is held. */
  boolean empty() {
    return held == 0;
  }

  /** Bytes reserved for the pages and directory held. */
  long reserved() {
    return reserved;
  }

  /** Paged data will start at stream offset {@code origin} (while no page is held). */
  void begin(long origin) {
    if (held == 0) {
      first = origin >>> SHIFT;
    }
  }

  /**
   * Makes pages for the offsets [lo, hi) (lo at or after the origin given to {@link #begin});
   * false, and nothing changed, when the memcap refuses them.
   */
  boolean ensure(long lo, long hi) {
    long p0 = lo >>> SHIFT;
    long p1 = (hi - 1) >>> SHIFT;
    long slots = p1 - first + 1;
    if (p0 < first || slots > MAX_SLOTS) {
      return false;
    }
    int missing = 0;
    for (long p = p0; p <= p1; p++) {
      int i = (int) (p - first);
      if (i >= dir.length || dir[i] == 0) {
        missing++;
      }
    }
    int newLen = dir.length;
    if (slots > dir.length) {
      newLen = (int) Math.min(MAX_SLOTS, Math.max(slots, Math.max(16, dir.length * 2L)));
    }
    long need = (long) missing * SIZE + (long) (newLen - dir.length) * SLOT_BYTES;
    if (need == 0) {
      return true;
    }
    if (!memory.reserve(need)) {
      return false;
    }
    reserved += need;
    if (newLen > dir.length) {
      dir = Arrays.copyOf(dir, newLen);
      lost.pages = dir;
    }
    for (long p = p0; p <= p1; p++) {
      int i = (int) (p - first);
      if (dir[i] == 0) {
        dir[i] = memory.takePage();
        held++;
      }
    }
    return true;
  }

  /** The byte at stream offset {@code off} (its page must be held). */
  byte byteAt(long off) {
    return NativePages.get(dir[(int) ((off >>> SHIFT) - first)], (int) (off & MASK));
  }

  /** Writes {@code len} bytes of {@code src} from {@code si} at stream offset {@code off}. */
  void write(long off, byte[] src, int si, int len) {
    while (len > 0) {
      int po = (int) (off & MASK);
      int k = Math.min(len, SIZE - po);
      NativePages.write(src, si, dir[(int) ((off >>> SHIFT) - first)], po, k);
      off += k;
      si += k;
      len -= k;
    }
  }

  /** Whether the {@code len} bytes at stream offset {@code off} equal those of {@code d} at di. */
  boolean equal(long off, byte[] d, int di, int len) {
    while (len > 0) {
      int po = (int) (off & MASK);
      int k = Math.min(len, SIZE - po);
      if (!NativePages.equal(dir[(int) ((off >>> SHIFT) - first)], po, d, di, k)) {
        return false;
      }
      off += k;
      di += k;
      len -= k;
    }
    return true;
  }

  /**
   * Copies what the pages hold of the offsets [from, to) into {@code dst}, whose index 0 is stream
   * offset {@code dstBase}.
   */
  void copyTo(byte[] dst, long dstBase, long from, long to) {
    for (int i = 0; i < dir.length; i++) {
      if (dir[i] == 0) {
        continue;
      }
      long ps = (first + i) << SHIFT;
      long lo = Math.max(ps, from);
      long hi = Math.min(ps + SIZE, to);
      if (lo < hi) {
        NativePages.read(dir[i], (int) (lo - ps), dst, (int) (lo - dstBase), (int) (hi - lo));
      }
    }
  }

  /**
   * Gives every page back to the pool and drops the directory; their reservation is released too
   * when {@code release}, else the caller takes it over. Returns the bytes that were reserved.
   */
  long clear(boolean release) {
    long r = reserved;
    reserved = 0;
    if (release && r > 0) {
      memory.release(r);
    }
    for (int i = 0; i < dir.length; i++) {
      if (dir[i] != 0) {
        memory.givePage(dir[i]);
      }
    }
    dir = NO_PAGES;
    lost.pages = NO_PAGES;
    held = 0;
    return r;
  }
}
