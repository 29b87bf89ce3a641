package org.vigil.stream;

import org.vigil.memory.NativeBlocks;

/**
 * Stream pages of {@link StreamPages#SIZE} bytes in native memory ({@link NativeBlocks}), named by
 * their address: a page costs its bytes and nothing on the Java heap, goes back to the allocator
 * the moment it is freed, and every access is checked to lie inside one page. An owner of pages
 * that is dropped without giving them back has them freed once it is unreachable ({@link
 * #reclaim}).
 */
final class NativePages {
  private static final int SIZE = StreamPages.SIZE;

  private NativePages() {}

  /** A new page (its content is undefined); its address, never 0. */
  static long allocate() {
    return NativeBlocks.allocate(SIZE);
  }

  /** Gives the page at {@code page} back to the allocator. */
  static void free(long page) {
    NativeBlocks.free(page);
  }

  /** The pages an owner holds: the nonzero addresses of {@link #pages}. */
  static final class Held implements Runnable {
    /** Page addresses; 0 marks a slot without a page. */
    long[] pages = new long[0];

    /** Frees every page held and forgets it. */
    @Override
    public void run() {
      long[] p = pages;
      for (int i = 0; i < p.length; i++) {
        if (p[i] != 0) {
          free(p[i]);
          p[i] = 0;
        }
      }
    }
  }

  /** Frees what {@code held} still holds once {@code owner} is unreachable. */
  static void reclaim(Object owner, Held held) {
    NativeBlocks.reclaim(owner, held);
  }

  /** The byte at {@code at} of a page. */
  static byte get(long page, int at) {
    return NativeBlocks.get(page, SIZE, at);
  }

  /** Writes {@code len} bytes of {@code src} from {@code si} at {@code at} of a page. */
  static void write(byte[] src, int si, long page, int at, int len) {
    NativeBlocks.write(src, si, page, SIZE, at, len);
  }

  /** Copies {@code len} bytes from {@code at} of a page into {@code dst} at {@code di}. */
  static void read(long page, int at, byte[] dst, int di, int len) {
    NativeBlocks.read(page, SIZE, at, dst, di, len);
  }

  /**
   * Whether {@code len} bytes from {@code at} of a page equal those of {@code d} from {@code di}.
   */
  static boolean equal(long page, int at, byte[] d, int di, int len) {
    return NativeBlocks.equal(page, SIZE, at, d, di, len);
  }
}
