package org.vigil.defrag;

import org.vigil.memory.NativeBlocks;

/**
 * The bytes of the fragments a defragmenter holds, in native memory ({@link NativeBlocks}): a
 * fragment of {@code len} bytes gets a block of {@link #capacityFor}{@code (len)} bytes, taken when
 * it arrives and freed when its datagram completes, is evicted or times out, so a flood of
 * datagrams that never complete costs its held bytes and no Java heap. Blocks come in {@link
 * #STEP}-byte size classes, so the allocator hands a freed block of a class to the next fragment of
 * that class. Counts the bytes of the blocks it holds.
 */
final class FragmentBlocks {
  /** Size class step: a block's length is its fragment's length rounded up to this. */
  static final int STEP = 128;

  /** Longer fragments get blocks of their exact length. */
  static final int MAX_CLASSED = 16384;

  /**
   * Bytes of blocks freed since the high-water mark after which {@link #trimWhenShrunk} trims the
   * allocator.
   */
  static final long TRIM_STEP = 8L << 20;

  private long held;
  private boolean trim;
  private long highWater;

  /**
   * Trims the allocator ({@link NativeBlocks#trim}) once the blocks held fell {@link #TRIM_STEP}
   * below their high-water mark: for a defragmenter that shares fragments with other threads'
   * (their blocks grow as this one's shrink, and could not reuse this thread's free memory).
   */
  void trimWhenShrunk() {
    trim = true;
  }

  /** Length of the block a fragment of {@code len} bytes is kept in. */
  static int capacityFor(int len) {
    if (len > MAX_CLASSED) {
      return len;
    }
    return Math.max(STEP, (len + STEP - 1) / STEP * STEP);
  }

  /** A block holding the {@code len} bytes of {@code src} from {@code si}; its address. */
  long copyOf(byte[] src, int si, int len) {
    int cap = capacityFor(len);
    long b = NativeBlocks.allocate(cap);
    held += cap;
    highWater = Math.max(highWater, held);
    NativeBlocks.write(src, si, b, cap, 0, len);
    return b;
  }

  /** Copies {@code n} bytes from {@code at} of the block of a fragment of {@code len} bytes. */
  static void read(long block, int len, int at, byte[] dst, int di, int n) {
    NativeBlocks.read(block, capacityFor(len), at, dst, di, n);
  }

  /** Frees the block of a fragment of {@code len} bytes. */
  void free(long block, int len) {
    NativeBlocks.free(block);
    held -= capacityFor(len);
    if (trim && highWater - held >= TRIM_STEP) {
      NativeBlocks.trim();
      highWater = held;
    }
  }

  /** Bytes of the blocks held (their lengths, not the allocator's own overhead). */
  long heldBytes() {
    return held;
  }
}
