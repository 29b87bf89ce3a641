package org.vigil.acquire.afpacket;

import static org.vigil.acquire.afpacket.LinuxNative.*;

/**
 * Joins bound sockets of one interface into a PACKET_FANOUT group: the kernel spreads the
 * interface's packets over them by {@link ClusterType} (the symmetric flow hash by default, so both
 * directions of a flow reach one socket and its thread), reassembling IP fragments first when
 * {@code defrag} is on so fragments follow their flow.
 */
final class Fanout {
  static final int FLAG_DEFRAG = 0x8000;

  private Fanout() {}

  /** Adds {@code ring} to group {@code o.clusterId()} of its interface. */
  static void join(PacketRing ring, AfPacketOptions o) {
    int arg = o.clusterId() | (o.clusterType().mode() | (o.defrag() ? FLAG_DEFRAG : 0)) << 16;
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
  }
}
