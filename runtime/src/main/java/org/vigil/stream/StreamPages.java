package org.vigil.stream;

import java.util.Arrays;

/**
 * Out-of-order data of one direction that lies beyond its store's array, in pages taken from the
 * budget's pool: data behind a hole costs the pages it touches, never a doubled array, and a
 * flood's pages go back to the pool for the next flows. Page {@code i} spans the {@link #SIZE}
 * bytes from stream offset {@code origin + i * SIZE}, where the origin is the first paged byte (a
 * run of data starts at the start of a page, it moves down by whole pages when data arrives before
 * it), and holds the start of its span up to its last byte written, rounded up to {@link
 * NativePages#STEP} (a run's last page costs what it holds, not a whole page). Pages and directory
 * are reserved in the {@link StreamMemory} they come from. The pages are native memory ({@link
 * NativePages}) named by handle in a {@code long[]} directory: a flood's data held behind holes
 * costs its pages and their 8-byte slots, with no object per page on the Java heap.
 */
final class StreamPages {
  /** Page span as a power of two. */
  static final int SHIFT = 12;

  /** Bytes a page spans (and holds at most). */
  static final int SIZE = 1 << SHIFT;

  private static final int MASK = SIZE - 1;

  /** Bytes reserved per directory slot (a page handle). */
  private static final int SLOT_BYTES = 8;

  /** Most directory slots (pages between the first and the last): a 1 GiB window. */
  private static final int MAX_SLOTS = 1 << 18;

  private static final long[] NO_PAGES = new long[0];

  private final StreamMemory memory;
  private long origin;
  // page handles by page number, 0 where no page is held; the same array as lost.pages, so pages
  // of a store dropped without clear() are freed once it is unreachable
  private long[] dir;
  private final NativePages.Held lost = new NativePages.Held();
  private int held;
  // directory slots in use: one past the last page held
  private int top;
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

  /** Bytes a page must hold so that it holds the byte {@code last} bytes into its span. */
  private static int sizeFor(long last) {
    return (int) (last / NativePages.STEP + 1) * NativePages.STEP;
  }

  /** Makes pages for the offsets [lo, hi); false, and nothing changed, when the memcap refuses. */
  boolean ensure(long lo, long hi) {
    if (held == 0) {
      origin = lo;
    }
    // pages the origin moves down by, so that lo lies in page 0
    long down = lo < origin ? (origin - lo + MASK) >>> SHIFT : 0;
    long o = origin - (down << SHIFT);
    long p0 = (lo - o) >>> SHIFT;
    long p1 = (hi - 1 - o) >>> SHIFT;
    long slots = Math.max(p1 + 1, top + down);
    if (slots > MAX_SLOTS) {
      return false;
    }
    long need = 0;
    for (long p = p0; p <= p1; p++) {
      int want = p < p1 ? SIZE : sizeFor((hi - 1 - o) & MASK);
      long i = p - down;
      int have = i >= 0 && i < dir.length && dir[(int) i] != 0 ? NativePages.size(dir[(int) i]) : 0;
      need += Math.max(0, want - have);
    }
    int newLen = dir.length;
    if (slots > dir.length) {
      newLen = (int) Math.min(MAX_SLOTS, Math.max(slots, Math.max(16, dir.length * 2L)));
    }
    need += (long) (newLen - dir.length) * SLOT_BYTES;
    if (need == 0) {
      return true;
    }
    if (!memory.reserve(need)) {
      return false;
    }
    reserved += need;
    if (newLen > dir.length) {
      long[] nd = new long[newLen];
      System.arraycopy(dir, 0, nd, (int) down, top);
      dir = nd;
      lost.pages = dir;
    } else if (down > 0) {
      System.arraycopy(dir, 0, dir, (int) down, top);
      Arrays.fill(dir, 0, (int) down, 0);
    }
    origin = o;
    top = (int) slots;
    for (long p = p0; p <= p1; p++) {
      int i = (int) p;
      int want = p < p1 ? SIZE : sizeFor((hi - 1 - o) & MASK);
      if (dir[i] == 0) {
        dir[i] = want == SIZE ? memory.takePage() : NativePages.allocate(want);
        held++;
      } else if (NativePages.size(dir[i]) < want) {
        dir[i] = NativePages.grow(dir[i], want);
      }
    }
    return true;
  }

  private long page(long off) {
    return dir[(int) ((off - origin) >>> SHIFT)];
  }

  /** The byte at stream offset {@code off} (its page must hold it). */
  byte byteAt(long off) {
    return NativePages.get(page(off), (int) ((off - origin) & MASK));
  }

  /** Writes {@code len} bytes of {@code src} from {@code si} at stream offset {@code off}. */
  void write(long off, byte[] src, int si, int len) {
    while (len > 0) {
      int po = (int) ((off - origin) & MASK);
      int k = Math.min(len, SIZE - po);
      NativePages.write(src, si, page(off), po, k);
      off += k;
      si += k;
      len -= k;
    }
  }

  /** Whether the {@code len} bytes at stream offset {@code off} equal those of {@code d} at di. */
  boolean equal(long off, byte[] d, int di, int len) {
    while (len > 0) {
      int po = (int) ((off - origin) & MASK);
      int k = Math.min(len, SIZE - po);
      if (!NativePages.equal(page(off), po, d, di, k)) {
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
      long ps = origin + ((long) i << SHIFT);
      long lo = Math.max(ps, from);
      long hi = Math.min(ps + NativePages.size(dir[i]), to);
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
    top = 0;
    return r;
  }
}
