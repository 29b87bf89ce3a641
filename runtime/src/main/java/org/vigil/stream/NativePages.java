package org.vigil.stream;

import org.vigil.memory.NativeBlocks;

/**
 * Stream pages in native memory ({@link NativeBlocks}), named by a handle: the page's address with
 * its size in the low bits. A page holds the bytes from the start of its {@link StreamPages#SIZE}
 * span up to its size, a multiple of {@link #STEP}: a page that only the start of its span needs
 * (the last of a run of data) costs those bytes, and grows when data reaches further. A page costs
 * its bytes and nothing on the Java heap, goes back to the allocator the moment it is freed, and
 * every access is checked to lie inside the page. An owner of pages that is dropped without giving
 * them back has them freed once it is unreachable ({@link #reclaim}).
 */
final class NativePages {
  private static final int SIZE = StreamPages.SIZE;

  /** Page sizes are multiples of this. */
  static final int STEP = 512;

  // the allocator aligns blocks to 16 bytes: the low bits of an address hold (size / STEP - 1)
  private static final long SIZE_BITS = 7;

  private NativePages() {}

  /** A new page of {@link StreamPages#SIZE} bytes (its content is undefined); never 0. */
  static long allocate() {
    return allocate(SIZE);
  }

  /** A new page of {@code size} bytes (a multiple of {@link #STEP}, content undefined). */
  static long allocate(int size) {
    return handle(NativeBlocks.allocate(size), size);
  }

  /** The page {@code page} grown to {@code size} bytes, its bytes kept (possibly moved). */
  static long grow(long page, int size) {
    return handle(NativeBlocks.reallocate(address(page), size), size);
  }

  /** Bytes the page holds. */
  static int size(long page) {
    return (int) ((page & SIZE_BITS) + 1) * STEP;
  }

  /** Gives the page back to the allocator. */
  static void free(long page) {
    NativeBlocks.free(address(page));
  }

  private static long address(long page) {
    return page & ~SIZE_BITS;
  }

  private static long handle(long address, int size) {
    if ((address & SIZE_BITS) != 0 || size % STEP != 0 || size <= 0 || size > SIZE) {
      NativeBlocks.free(address);
      throw new IllegalStateException("no page of " + size + " bytes at " + address);
    }
    return address | (size / STEP - 1);
  }

  /** The pages an owner holds: the nonzero handles of {@link #pages}. */
  static final class Held implements Runnable {
    /** Page handles; 0 marks a slot without a page. */
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
    return NativeBlocks.get(address(page), size(page), at);
  }

  /** Writes {@code len} bytes of {@code src} from {@code si} at {@code at} of a page. */
  static void write(byte[] src, int si, long page, int at, int len) {
    NativeBlocks.write(src, si, address(page), size(page), at, len);
  }

  /** Copies {@code len} bytes from {@code at} of a page into {@code dst} at {@code di}. */
  static void read(long page, int at, byte[] dst, int di, int len) {
    NativeBlocks.read(address(page), size(page), at, dst, di, len);
  }

  /**
   * Whether {@code len} bytes from {@code at} of a page equal those of {@code d} from {@code di}.
   */
  static boolean equal(long page, int at, byte[] d, int di, int len) {
    return NativeBlocks.equal(address(page), size(page), at, d, di, len);
  }
}
