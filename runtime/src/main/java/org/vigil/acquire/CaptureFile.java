package org.vigil.acquire;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read through one off-heap window of {@link #WINDOW} bytes that slides forward as
 * the sources read it: positional reads ({@code pread}) fill it, so the file is never mapped and
 * none of it stays resident in the process beyond the window (the page cache keeps it), and reading
 * costs no page fault per page. Reads never allocate; a frame larger than half the window is read
 * straight into its packet.
 */
final class CaptureFile implements AutoCloseable {
  /** Bytes read ahead at a time. */
  static final int WINDOW = 1 << 20;

  private final FileChannel ch;
  private final Path path;
  private final long size;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment seg;
  private final ByteBuffer buf;

  /** File offset of the window's first byte, and how many bytes of the window hold the file. */
  private long start;

  private int filled;

  /**
   * The layouts are constants (so each read compiles to a plain load); a file of the other byte
   * order has its values swapped after the read.
   */
  private static final ValueLayout.OfInt INT_BE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private static final ValueLayout.OfShort SHORT_BE =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private boolean swap;

  CaptureFile(Path path) throws IOException {
    this.path = path;
    this.ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      this.size = ch.size();
      this.seg = arena.allocate((int) Math.min(WINDOW, Math.max(size, 64)));
      this.buf = seg.asByteBuffer();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  long size() {
    return size;
  }

  void order(ByteOrder order) {
    swap = order != ByteOrder.BIG_ENDIAN;
  }

  int u32(long pos) {
    int v = seg.get(INT_BE, at(pos, 4));
    return swap ? Integer.reverseBytes(v) : v;
  }

  long u32L(long pos) {
    return u32(pos) & 0xffffffffL;
  }

  int u16(long pos) {
    short v = seg.get(SHORT_BE, at(pos, 2));
    return (swap ? Short.reverseBytes(v) : v) & 0xffff;
  }

  int u8(long pos) {
    return seg.get(ValueLayout.JAVA_BYTE, at(pos, 1)) & 0xff;
  }

  /** Big-endian 32-bit read whatever the current order (magic numbers). */
  int u32be(long pos) {
    return seg.get(INT_BE, at(pos, 4));
  }

  /** Copies {@code len} bytes of the file at {@code pos} into {@code dst}. */
  void copy(long pos, byte[] dst, int len) {
    if (len > buf.capacity() / 2) {
      copyDirect(pos, dst, len);
      return;
    }
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, at(pos, len), dst, 0, len);
  }

  /**
   * The window offset of the file's bytes [pos, pos + len): the window moves to start at pos when
   * they are not all in it. Callers read within the file's size; bytes the file no longer has (cut
   * while read) leave the window short and the read fails with {@link Unreadable}.
   */
  private long at(long pos, int len) {
    long off = pos - start;
    if (off >= 0 && off + len <= filled) return off;
    buf.clear();
    buf.limit((int) Math.min(buf.capacity(), Math.max(0, size - pos)));
    readFully(buf, pos);
    start = pos;
    filled = buf.position();
    if (len > filled) {
      throw new Unreadable(path.getFileName() + ": offset " + pos + ": the file ended while read");
    }
    return 0;
  }

  private void readFully(ByteBuffer b, long pos) {
    try {
      int from = b.position();
      while (b.hasRemaining()) {
        int n = ch.read(b, pos + b.position() - from);
        if (n < 0) break;
      }
    } catch (IOException e) {
      throw new Unreadable(path.getFileName() + ": offset " + pos + ": " + e.getMessage());
    }
  }

  /**
   * Copies {@code len} bytes at {@code pos} into {@code dst}, all of them or {@link Unreadable}.
   */
  private void copyDirect(long pos, byte[] dst, int len) {
    ByteBuffer b = ByteBuffer.wrap(dst, 0, len);
    readFully(b, pos);
    if (b.hasRemaining()) {
      throw new Unreadable(path.getFileName() + ": offset " + pos + ": the file ended while read");
    }
  }

  /**
   * The file could not give bytes its size promised when it was opened (cut or failing while read):
   * the source reports it as a capture error and ends the file.
   */
  static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public void close() {
    try {
      ch.close();
    } catch (IOException e) {
      // read-only: nothing is lost
    } finally {
      arena.close();
    }
  }
}
