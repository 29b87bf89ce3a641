package org.vigil.defrag;

/**
 * What a held datagram and its fragments take on the heap, the sizes {@code defrag.memcap} and the
 * defrag memuse counters account. Sizes are those of a 64-bit JVM with compressed object and class
 * pointers (heaps under 32 GB): 12-byte object headers, 16-byte array headers, 4-byte references,
 * objects aligned to 8 bytes.
 *
 * <p>Per datagram ({@link #TRACKER_BYTES}): the key record (header, 4 longs, 6 ints: 72), its
 * LinkedHashMap entry (hash, key, value, next, before, after: 40), its table slot (4 bytes at a
 * load between 3/8 and 3/4: 8 on average), the tracker (2 longs, 7 ints, 5 references: 72), its
 * three slot arrays for 4 fragments (int[4], int[4], byte[4][]: 32 each) and its 60-byte header
 * copy (80). Per fragment ({@link #fragmentBytes}): its pooled data array with the array header.
 * Slot arrays and the header copy that grow add the difference ({@link #slotGrowthBytes}, {@link
 * #arrayBytes}).
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
          + 3 * arrayBytes(4 * INITIAL_SLOTS)
          + arrayBytes(INITIAL_HEADER);

  private DefragFootprint() {}

  /** Heap bytes of an array of {@code payload} bytes of elements. */
  static long arrayBytes(long payload) {
    return (ARRAY_HEADER + payload + 7) & ~7L;
  }

  /** Bytes one fragment of {@code len} bytes holds: its pooled data array. */
  static long fragmentBytes(int len) {
    return arrayBytes(FragmentPool.capacityFor(len));
  }

  /** Bytes the three slot arrays grow by when they double from {@code slots} slots. */
  static long slotGrowthBytes(int slots) {
    return 3 * (arrayBytes(8L * slots) - arrayBytes(4L * slots));
  }
}
