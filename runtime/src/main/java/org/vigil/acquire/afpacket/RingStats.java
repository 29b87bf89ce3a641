package org.vigil.acquire.afpacket;

import static org.vigil.acquire.afpacket.LinuxNative.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The kernel's counters of one socket (PACKET_STATISTICS: packets that reached the socket, packets
 * dropped because the ring was full). The kernel resets them on each read, so they are summed here;
 * {@link #update} is called by the socket's own thread.
 */
public final class RingStats {
  private final String name;
  private volatile long packets;
  private volatile long drops;

  RingStats(String name) {
    this.name = name;
  }

  /** Reads and adds the kernel's counters of {@code ring} since the last read. */
  void update(PacketRing ring) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(12, 4);
      if (getsockopt(ring.fd(), SOL_PACKET, PACKET_STATISTICS, s, a) == 0) {
        // tp_packets counts the dropped ones too
        packets += Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT, 0));
        drops += Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT, 4));
      }
    }
  }

  /** The socket's name: interface and member index ({@code eth0#1}). */
  public String name() {
    return name;
  }

  /** Packets that reached the socket (received and dropped). */
  public long packets() {
    return packets;
  }

  /** Packets the kernel dropped because the ring was full. */
  public long drops() {
    return drops;
  }
}
