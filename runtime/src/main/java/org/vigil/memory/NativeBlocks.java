package org.vigil.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * Blocks of memory from the C allocator, named by their address: a block costs its bytes and
 * nothing on the Java heap, and goes back to the allocator the moment it is freed, not when a
 * garbage collection finds it unreachable. Every access names the block's size and is checked to
 * lie inside it, so a wrong offset throws instead of touching other memory. An owner of blocks that
 * is dropped without freeing them has them freed once it is unreachable ({@link #reclaim}).
 */
public final class NativeBlocks {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle MALLOC =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("malloc").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
  private static final MethodHandle REALLOC =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("realloc").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
  private static final MethodHandle FREE =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("free").orElseThrow(),
          FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

  /** glibc's malloc_trim, or null where the C library has none. */
  private static final MethodHandle TRIM =
      LINKER
          .defaultLookup()
          .find("malloc_trim")
          .map(
              f ->
                  LINKER.downcallHandle(
                      f, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)))
          .orElse(null);

  /** The whole address space, through which blocks are read and written at their addresses. */
  private static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  /** Frees the blocks of owners dropped while holding some (a safety net, not the normal path). */
  private static final Cleaner LOST_BLOCKS = Cleaner.create();

  private NativeBlocks() {}

  /** A new block of {@code size} bytes (its content is undefined); its address, never 0. */
  public static long allocate(long size) {
    MemorySegment p;
    try {
      p = (MemorySegment) MALLOC.invokeExact(size);
    } catch (Throwable t) {
      throw new IllegalStateException("malloc failed", t);
    }
    if (p.address() == 0) {
      throw new OutOfMemoryError("no native memory for a block of " + size + " bytes");
    }
    return p.address();
  }

  /**
   * The block at {@code block} resized to {@code size} bytes, its content kept up to the smaller
   * size (possibly moved: its new address, never 0; the old one is then no longer valid).
   */
  public static long reallocate(long block, long size) {
    MemorySegment p;
    try {
      p = (MemorySegment) REALLOC.invokeExact(MemorySegment.ofAddress(block), size);
    } catch (Throwable t) {
      throw new IllegalStateException("realloc failed", t);
    }
    if (p.address() == 0) {
      throw new OutOfMemoryError("no native memory for a block of " + size + " bytes");
    }
    return p.address();
  }

  /**
   * Hands the allocator's free memory back to the system (glibc's {@code malloc_trim}, a no-op
   * where there is none): the memory a thread freed stays in that thread's arena, where another
   * thread's blocks cannot reuse it, until trimmed.
   */
  public static void trim() {
    if (TRIM == null) {
      return;
    }
    try {
      int released = (int) TRIM.invokeExact(0L);
    } catch (Throwable t) {
      throw new IllegalStateException("malloc_trim failed", t);
    }
  }

  /** Gives the block at {@code block} back to the allocator. */
  public static void free(long block) {
    try {
      FREE.invokeExact(MemorySegment.ofAddress(block));
    } catch (Throwable t) {
      throw new IllegalStateException("free failed", t);
    }
  }

  /**
   * Runs {@code release} (which frees what {@code owner} holds) once {@code owner} is unreachable.
   */
  public static void reclaim(Object owner, Runnable release) {
    LOST_BLOCKS.register(owner, release);
  }

  /** The byte at {@code at} of a block of {@code size} bytes. */
  public static byte get(long block, int size, int at) {
    Objects.checkIndex(at, size);
    return MEMORY.get(ValueLayout.JAVA_BYTE, block + at);
  }

  /** Writes {@code len} bytes of {@code src} from {@code si} at {@code at} of a block. */
  public static void write(byte[] src, int si, long block, int size, int at, int len) {
    Objects.checkFromIndexSize(at, len, size);
    MemorySegment.copy(src, si, MEMORY, ValueLayout.JAVA_BYTE, block + at, len);
  }

  /** Copies {@code len} bytes from {@code at} of a block into {@code dst} at {@code di}. */
  public static void read(long block, int size, int at, byte[] dst, int di, int len) {
    Objects.checkFromIndexSize(at, len, size);
    MemorySegment.copy(MEMORY, ValueLayout.JAVA_BYTE, block + at, dst, di, len);
  }

  /**
   * Whether {@code len} bytes from {@code at} of a block equal those of {@code d} from {@code di}.
   */
  public static boolean equal(long block, int size, int at, byte[] d, int di, int len) {
    Objects.checkFromIndexSize(at, len, size);
    return MemorySegment.mismatch(
            MEMORY, block + at, block + at + len, MemorySegment.ofArray(d), di, di + len)
        < 0;
  }
}
