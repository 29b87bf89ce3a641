package org.vigil.acquire.afpacket;

import static org.vigil.acquire.afpacket.LinuxNative.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One AF_PACKET socket of one interface with its TPACKET_V3 receive ring mapped into the JVM. The
 * socket is set up before it is bound (ring, filter), so it never holds a frame the filter would
 * have refused; {@link Fanout} joins it to a group once bound. Owned by one thread.
 */
public final class PacketRing implements AutoCloseable {
  private final String iface;
  private final int ifindex;
  private final int fd;
  private final MemorySegment ring;
  private final int blockSize;
  private final int blockCount;

  private PacketRing(
      String iface, int ifindex, int fd, MemorySegment ring, int blockSize, int blockCount) {
    this.iface = iface;
    this.ifindex = ifindex;
    this.fd = fd;
    this.ring = ring;
    this.blockSize = blockSize;
    this.blockCount = blockCount;
  }

  /**
   * Opens a socket on {@code o.iface()} with its ring, the classic BPF program {@code filter}
   * (null: none; a {@code sock_filter} array) attached, bound to the interface.
   *
   * @throws AfPacketException naming the interface and the call that failed
   */
  public static PacketRing open(AfPacketOptions o, MemorySegment filter, int filterLength) {
    int ifindex = ifNameToIndex(o.iface());
    if (ifindex == 0) {
      throw new AfPacketException("interface " + o.iface() + ": no such interface");
    }
    // protocol 0: the socket receives nothing until bound below
    int fd = socket(AF_PACKET, SOCK_RAW, 0);
    if (fd < 0) {
      int e = errno();
      throw new AfPacketException(
          "interface "
              + o.iface()
              + ": cannot open an AF_PACKET socket: "
              + describe(e)
              + (e == 1 ? " (capture needs root or CAP_NET_RAW)" : ""));
    }
    MemorySegment ring = MemorySegment.NULL;
    long length = (long) o.blockSize() * o.blockCount();
    try (Arena a = Arena.ofConfined()) {
      check(o, setInt(fd, SOL_PACKET, PACKET_VERSION, TPACKET_V3), "PACKET_VERSION TPACKET_V3");
      if (o.bufferSize() > 0 && setInt(fd, SOL_SOCKET, SO_RCVBUFFORCE, o.bufferSize()) < 0) {
        check(o, setInt(fd, SOL_SOCKET, SO_RCVBUF, o.bufferSize()), "SO_RCVBUF");
      }
      MemorySegment req = a.allocate(28, 4);
      req.set(ValueLayout.JAVA_INT, 0, o.blockSize());
      req.set(ValueLayout.JAVA_INT, 4, o.blockCount());
      req.set(ValueLayout.JAVA_INT, 8, AfPacketOptions.FRAME_SIZE);
      req.set(ValueLayout.JAVA_INT, 12, (int) (length / AfPacketOptions.FRAME_SIZE));
      req.set(ValueLayout.JAVA_INT, 16, o.blockTimeoutMillis());
      req.set(ValueLayout.JAVA_INT, 20, 0);
      req.set(ValueLayout.JAVA_INT, 24, 0);
      check(o, setsockopt(fd, SOL_PACKET, PACKET_RX_RING, req), "PACKET_RX_RING");
      ring = mmap(fd, length, MAP_LOCKED);
      if (ring.equals(MemorySegment.NULL)) {
        // MAP_LOCKED needs RLIMIT_MEMLOCK room; an unlocked ring works too
        ring = mmap(fd, length, 0);
      }
      if (ring.equals(MemorySegment.NULL)) {
        check(o, -1, "mmap of the " + length + "-byte ring");
      }
      ring = ring.reinterpret(length);
      if (filter != null) {
        MemorySegment prog = a.allocate(16, 8);
        prog.set(ValueLayout.JAVA_SHORT, 0, (short) filterLength);
        prog.set(ValueLayout.ADDRESS, 8, filter);
        check(o, setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, prog), "SO_ATTACH_FILTER");
      }
      MemorySegment sll = a.allocate(20, 4);
      sll.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
      sll.set(ValueLayout.JAVA_SHORT, 2, Short.reverseBytes((short) ETH_P_ALL));
      sll.set(ValueLayout.JAVA_INT, 4, ifindex);
      check(o, bind(fd, sll), "bind");
      if (o.promisc()) {
        MemorySegment mreq = a.allocate(16, 4);
        mreq.set(ValueLayout.JAVA_INT, 0, ifindex);
        mreq.set(ValueLayout.JAVA_SHORT, 4, (short) PACKET_MR_PROMISC);
        check(o, setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq), "promiscuous mode");
      }
      return new PacketRing(o.iface(), ifindex, fd, ring, o.blockSize(), o.blockCount());
    } catch (RuntimeException e) {
      if (!ring.equals(MemorySegment.NULL)) {
        munmap(ring, length);
      }
      LinuxNative.close(fd);
      throw e;
    }
  }

  private static void check(AfPacketOptions o, int rc, String what) {
    if (rc < 0) {
      throw new AfPacketException(
          "interface " + o.iface() + ": " + what + " failed: " + describe(errno()));
    }
  }

  /** The interface name. */
  public String iface() {
    return iface;
  }

  int ifindex() {
    return ifindex;
  }

  int fd() {
    return fd;
  }

  MemorySegment ring() {
    return ring;
  }

  int blockSize() {
    return blockSize;
  }

  int blockCount() {
    return blockCount;
  }

  /**
   * The socket's pending error (cleared by reading it), e.g. ENETDOWN while the interface is down.
   */
  int pendingError() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
      return getsockopt(fd, SOL_SOCKET, SO_ERROR, v, a) < 0
          ? errno()
          : v.get(ValueLayout.JAVA_INT, 0);
    }
  }

  @Override
  public void close() {
    munmap(ring, ring.byteSize());
    LinuxNative.close(fd);
  }
}
