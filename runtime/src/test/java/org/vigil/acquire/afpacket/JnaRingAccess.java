package org.vigil.acquire.afpacket;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PacketConsumer;

/**
 * The receive loop's native accesses written with JNA instead of the FFM API, for {@link
 * RingAccessMeasureTest} to compare: the TPACKET_V3 block walk of {@link BlockWalker} over a {@link
 * Pointer} (same steps: status word, frame headers, frame copy, block handed back), and {@code
 * poll} and {@code getsockopt(PACKET_STATISTICS)} through JNA's direct mapping (its fastest call
 * path; buffers allocated once, the best case for JNA).
 */
final class JnaRingAccess {
  /** libc through JNA's direct mapping (native methods bound at class load). */
  static final class Libc {
    static {
      Native.register(Libc.class, NativeLibrary.getInstance("c"));
    }

    private Libc() {}

    static native int poll(Pointer fds, long nfds, int timeout);

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length);
  }

  private final Pointer ring;
  private final int blockSize;
  private final int blockCount;
  private final Memory pollfd = new Memory(8);
  private final Memory stats = new Memory(12);
  private final Memory length = new Memory(4);
  private int next;
  long packets;
  long drops;

  /** Walks {@code blockCount} blocks of {@code blockSize} bytes at native address {@code ring}. */
  JnaRingAccess(long ring, int blockSize, int blockCount) {
    this.ring = new Pointer(ring);
    this.blockSize = blockSize;
    this.blockCount = blockCount;
  }

  /** As {@link BlockWalker#walk}: the frames of the next block, or -1 when it is not ready. */
  int walk(Packet p, PacketConsumer consumer) {
    long base = (long) next * blockSize;
    if ((ring.getInt(base + 8) & 1) == 0) {
      return -1;
    }
    int n = ring.getInt(base + 12);
    long off = base + Integer.toUnsignedLong(ring.getInt(base + 16));
    for (int i = 0; i < n; i++) {
      boolean loopbackCopy =
          (ring.getShort(off + 56) & 0xffff) == 772 && ring.getByte(off + 58) == 4;
      if (!loopbackCopy) {
        frame(off, p);
        consumer.accept(p);
      }
      off += Integer.toUnsignedLong(ring.getInt(off));
    }
    ring.setInt(base + 8, 0);
    next = next + 1 == blockCount ? 0 : next + 1;
    return n;
  }

  private void frame(long off, Packet p) {
    p.reset();
    int snap = ring.getInt(off + 12);
    int wire = ring.getInt(off + 16);
    int status = ring.getInt(off + 20);
    long data = off + (ring.getShort(off + 24) & 0xffff);
    long nanos =
        Integer.toUnsignedLong(ring.getInt(off + 4)) * 1_000_000_000L
            + Integer.toUnsignedLong(ring.getInt(off + 8));
    if ((status & (1 << 4)) != 0 && snap >= 12) {
      int tpid = (status & (1 << 6)) != 0 ? ring.getShort(off + 36) & 0xffff : 0x8100;
      int tci = ring.getInt(off + 32) & 0xffff;
      byte[] d = p.ensureCapacity(snap + 4);
      ring.read(data, d, 0, 12);
      d[12] = (byte) (tpid >>> 8);
      d[13] = (byte) tpid;
      d[14] = (byte) (tci >>> 8);
      d[15] = (byte) tci;
      ring.read(data + 12, d, 16, snap - 12);
      p.setFrame(snap + 4, wire + 4, nanos, LinkTypes.ETHERNET, 0, null);
    } else {
      byte[] d = p.ensureCapacity(snap);
      ring.read(data, d, 0, snap);
      p.setFrame(snap, wire, nanos, LinkTypes.ETHERNET, 0, null);
    }
  }

  /** poll(2) on {@code fd} for input, waiting {@code timeoutMillis}. */
  int poll(int fd, int timeoutMillis) {
    pollfd.setInt(0, fd);
    pollfd.setShort(4, (short) 1);
    pollfd.setShort(6, (short) 0);
    return Libc.poll(pollfd, 1, timeoutMillis);
  }

  /** As {@link RingStats#update}: adds the kernel's PACKET_STATISTICS of {@code fd}. */
  void stats(int fd) {
    length.setInt(0, 12);
    if (Libc.getsockopt(fd, LinuxNative.SOL_PACKET, LinuxNative.PACKET_STATISTICS, stats, length)
        == 0) {
      packets += Integer.toUnsignedLong(stats.getInt(0));
      drops += Integer.toUnsignedLong(stats.getInt(4));
    }
  }
}
