package org.vigil.acquire.afpacket;

import static org.vigil.acquire.afpacket.LinuxNative.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The kernel's counters of one socket (PACKET_STATISTICS: packets that reached the socket, packets
 * dropped because the ring was full). The kernel resets them on each read, so they are summed here;
 * {@link #update} is called by the socket's own thread (the call's buffers are reused).
 */
public final class RingStats {
  private final String name;
  // the call's buffers, allocated once: tpacket_stats_v3's first two counters and the length
  private final MemorySegment buffer = Arena.ofAuto().allocate(16, 4);
  private final MemorySegment counters = buffer.asSlice(0, 12);
  private final MemorySegment length = buffer.asSlice(12, 4);
  private volatile long packets;
  private volatile long drops;

  RingStats(String name) {
    this.name = name;
  }

  /** Reads and adds the kernel's counters of {@code ring} since the last read. */
  void update(PacketRing ring) {
    if (getsockopt(ring.fd(), SOL_PACKET, PACKET_STATISTICS, counters, length) == 0) {
      // tp_packets counts the dropped ones too
      packets += Integer.toUnsignedLong(counters.get(ValueLayout.JAVA_INT, 0));
      drops += Integer.toUnsignedLong(counters.get(ValueLayout.JAVA_INT, 4));
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
