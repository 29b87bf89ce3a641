package org.vigil.acquire;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file mapped read-only into memory, unmapped deterministically on close; reads never
 * allocate. Pages read are given back as reading moves on ({@link #UNLOAD_STEP} at a time), so a
 * large capture does not stay resident in the process (it stays in the page cache).
 */
final class MappedCapture implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment seg;
  private final long size;

  /**
   * Bytes of the mapping read past before they are unloaded from the process's memory: what a run
   * keeps resident of its capture is at most this plus {@link #FAULT_AROUND}, and one unload per
   * MiB read costs nothing measurable.
   */
  static final long UNLOAD_STEP = 1L << 20;

  /**
   * Alignment of where the next unload starts. A page fault maps the pages around it that are in
   * the page cache (the kernel's fault-around: 64 KiB, a whole folio for large ones, up to a 2 MiB
   * huge page), including pages just before the position an unload stopped at: an unload that began
   * exactly there left them resident, a few KiB per MiB read (8 MB part-way through a 746 MB
   * capture). Each unload starts at the position the last one stopped at, rounded down to this.
   */
  static final long FAULT_AROUND = 2L << 20;

  private long unloadFrom;
  private long nextUnload = UNLOAD_STEP;
  private ValueLayout.OfInt intLayout =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private ValueLayout.OfShort shortLayout =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  MappedCapture(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      size = ch.size();
      arena = Arena.ofShared();
      seg = size == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
    }
  }

  long size() {
    return size;
  }

  void order(ByteOrder order) {
    intLayout = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
    shortLayout = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
  }

  int u32(long pos) {
    return seg.get(intLayout, pos);
  }

  long u32L(long pos) {
    return seg.get(intLayout, pos) & 0xffffffffL;
  }

  int u16(long pos) {
    return seg.get(shortLayout, pos) & 0xffff;
  }

  int u8(long pos) {
    return seg.get(ValueLayout.JAVA_BYTE, pos) & 0xff;
  }

  /** Big-endian 32-bit read whatever the current order (magic numbers). */
  int u32be(long pos) {
    return seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), pos);
  }

  void copy(long pos, byte[] dst, int len) {
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, dst, 0, len);
    if (pos >= nextUnload) {
      seg.asSlice(unloadFrom, pos - unloadFrom).unload();
      unloadFrom = pos & -FAULT_AROUND;
      nextUnload = pos + UNLOAD_STEP;
    }
  }

  @Override
  public void close() {
    arena.close();
  }
}
