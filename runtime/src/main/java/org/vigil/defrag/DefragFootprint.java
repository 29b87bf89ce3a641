package org.vigil.defrag;

/**
 * What a held datagram and its fragments take, the sizes {@code defrag.memcap} and the defrag
 * memuse counters account: the tracker on the Java heap, the fragments' bytes in native memory.
 * Heap sizes are those of a 64-bit JVM with compressed object and class pointers (heaps under 32
 * GB): 12-byte object headers, 16-byte array headers, 4-byte references, objects aligned to 8
 * bytes. Native sizes are those of glibc's malloc on 64 bits: a block of n bytes takes a chunk of n
 * + 8 bytes rounded up to 16.
 *
 * <p>Per datagram ({@link #TRACKER_BYTES}): the key record (header, 4 longs, 6 ints: 72), its
 * LinkedHashMap entry (hash, key, value, next, before, after: 40), its table slot (4 bytes at a
 * load between 3/8 and 3/4: 8 on average), the tracker (2 longs, 6 ints, 5 references: 72), its
 * three slot arrays for 4 fragments (int[4], int[4]: 32 each; long[4] of block addresses: 48) and
 * its 60-byte header copy (80). Per fragment ({@link #fragmentBytes}): the malloc chunk of its
 * {@link FragmentBlocks} block. Slot arrays and the header copy that grow add the difference
 * ({@link #slotGrowthBytes}, {@link #arrayBytes}).
 */
final class DefragFootprint {
  /** Array header: mark word, compressed class pointer, length. */
  static final int ARRAY_HEADER = 16;

  /** Fragment slots a tracker's arrays start with. */
  static final int INITIAL_SLOTS = 4;

  /** Length of a tracker's header copy before a longer IPv6 header needs more. */
  static final int INITIAL_HEADER = 60;

  private static final int KEY = 72;
  private static final int MAP_ENTRY = 40;
  private static final int TABLE_SLOT = 8;
  private static final int TRACKER = 72;

  /** Bytes of one datagram being reassembled, fragments aside. */
  static final long TRACKER_BYTES =
      KEY
          + MAP_ENTRY
          + TABLE_SLOT
          + TRACKER
          + 2 * arrayBytes(4 * INITIAL_SLOTS)
          + arrayBytes(8 * INITIAL_SLOTS)
          + arrayBytes(INITIAL_HEADER);

  private DefragFootprint() {}

  /** Heap bytes of an array of {@code payload} bytes of elements. */
  static long arrayBytes(long payload) {
    return (ARRAY_HEADER + payload + 7) & ~7L;
  }

  /** Bytes of the malloc chunk of a block of {@code size} bytes. */
  static long chunkBytes(long size) {
    return (size + 8 + 15) & ~15L;
  }

  /** Bytes one fragment of {@code len} bytes holds: the chunk of its native block. */
  static long fragmentBytes(int len) {
    return chunkBytes(FragmentBlocks.capacityFor(len));
  }

  /** Bytes the three slot arrays grow by when they double from {@code slots} slots. */
  static long slotGrowthBytes(int slots) {
    return 2 * (arrayBytes(8L * slots) - arrayBytes(4L * slots))
        + arrayBytes(16L * slots)
        - arrayBytes(8L * slots);
  }
}
