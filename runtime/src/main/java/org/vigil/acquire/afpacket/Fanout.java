package org.vigil.acquire.afpacket;

import static org.vigil.acquire.afpacket.LinuxNative.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Joins bound sockets of one interface into a PACKET_FANOUT group: the kernel spreads the
 * interface's packets over them by {@link ClusterType} (the symmetric flow hash by default, so both
 * directions of a flow reach one socket and its thread), reassembling IP fragments first when
 * {@code defrag} is on so fragments follow their flow.
 */
final class Fanout {
  static final int FLAG_DEFRAG = 0x8000;
  static final int PACKET_FANOUT_CBPF = 6;
  static final int PACKET_FANOUT_DATA = 22;

  private Fanout() {}

  /**
   * Adds {@code ring} to group {@code o.clusterId()} of its interface; a {@code cluster_flow} group
   * picks sockets with {@link FlowHashProgram}.
   */
  static void join(PacketRing ring, AfPacketOptions o) {
    boolean flow = o.clusterType() == ClusterType.CLUSTER_FLOW;
    int mode = flow ? PACKET_FANOUT_CBPF : o.clusterType().mode();
    int arg = o.clusterId() | (mode | (o.defrag() ? FLAG_DEFRAG : 0)) << 16;
    if (setInt(ring.fd(), SOL_PACKET, PACKET_FANOUT, arg) < 0) {
      int e = errno();
      throw new AfPacketException(
          "interface "
              + o.iface()
              + ": cannot join fanout group "
              + o.clusterId()
              + " ("
              + o.clusterType().configName()
              + "): "
              + describe(e)
              + (e == 22
                  ? " (the group exists with other settings, or on another interface)"
                  : ""));
    }

    if (flow) {
      try (Arena a = Arena.ofConfined()) {
        MemorySegment insns = FlowHashProgram.build(a);
        MemorySegment prog = a.allocate(16, 8);
        prog.set(ValueLayout.JAVA_SHORT, 0, (short) FlowHashProgram.length(insns));
        prog.set(ValueLayout.ADDRESS, 8, insns);
        if (setsockopt(ring.fd(), SOL_PACKET, PACKET_FANOUT_DATA, prog) < 0) {
          throw new AfPacketException(
              "interface "
                  + o.iface()
                  + ": cannot set the fanout group's flow hash program: "
                  + describe(errno()));
        }
      }
    }
  }
}
