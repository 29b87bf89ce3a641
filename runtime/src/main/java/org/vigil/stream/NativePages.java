package org.vigil.stream;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * Pages of {@link StreamPages#SIZE} bytes from the C allocator, named by their address: a page
 * costs its bytes and nothing on the Java heap, and goes back to the allocator the moment it is
 * freed, not when a garbage collection finds it unreachable. Every access is checked to lie inside
 * one page, so a wrong offset throws instead of touching other memory. An owner of pages that is
 * dropped without giving them back has them freed once it is unreachable ({@link #reclaim}).
 */
final class NativePages {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle MALLOC =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("malloc").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
  private static final MethodHandle FREE =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("free").orElseThrow(),
          FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

  /** The whole address space, through which pages are read and written at their addresses. */
  private static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  private static final int SIZE = StreamPages.SIZE;

  /** Frees the pages of owners dropped while holding some (a safety net, not the normal path). */
  private static final Cleaner LOST_PAGES = Cleaner.create();

  private NativePages() {}

  /** A new page (its content is undefined); its address, never 0. */
  static long allocate() {
    MemorySegment p;
    try {
      p = (MemorySegment) MALLOC.invokeExact((long) SIZE);
    } catch (Throwable t) {
      throw new IllegalStateException("malloc failed", t);
    }
    if (p.address() == 0) {
      throw new OutOfMemoryError("no native memory for a stream page");
    }
    return p.address();
  }

  /** Gives the page at {@code page} back to the allocator. */
  static void free(long page) {
    try {
      FREE.invokeExact(MemorySegment.ofAddress(page));
    } catch (Throwable t) {
      throw new IllegalStateException("free failed", t);
    }
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
    LOST_PAGES.register(owner, held);
  }

  /** The byte at {@code at} of a page. */
  static byte get(long page, int at) {
    Objects.checkIndex(at, SIZE);
    return MEMORY.get(ValueLayout.JAVA_BYTE, page + at);
  }

  /** Writes {@code len} bytes of {@code src} from {@code si} at {@code at} of a page. */
  static void write(byte[] src, int si, long page, int at, int len) {
    Objects.checkFromIndexSize(at, len, SIZE);
    MemorySegment.copy(src, si, MEMORY, ValueLayout.JAVA_BYTE, page + at, len);
  }

  /** Copies {@code len} bytes from {@code at} of a page into {@code dst} at {@code di}. */
  static void read(long page, int at, byte[] dst, int di, int len) {
    Objects.checkFromIndexSize(at, len, SIZE);
    MemorySegment.copy(MEMORY, ValueLayout.JAVA_BYTE, page + at, dst, di, len);
  }

  /**
   * Whether {@code len} bytes from {@code at} of a page equal those of {@code d} from {@code di}.
   */
  static boolean equal(long page, int at, byte[] d, int di, int len) {
    Objects.checkFromIndexSize(at, len, SIZE);
    return MemorySegment.mismatch(
            MEMORY, page + at, page + at + len, MemorySegment.ofArray(d), di, di + len)
        < 0;
  }
}
