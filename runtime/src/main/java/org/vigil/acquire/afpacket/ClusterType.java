package org.vigil.acquire.afpacket;

import java.util.Locale;

/**
 * How a PACKET_FANOUT group spreads packets over its sockets, by Suricata's {@code cluster-type}
 * names: by the flow hash (both directions of a flow to one socket), by the NIC's receive queue, by
 * the CPU that received the packet, or in turn.
 */
public enum ClusterType {
  /** By flow: Vigil's symmetric hash of addresses and ports ({@link FlowHashProgram}). */
  CLUSTER_FLOW(0),
  /** PACKET_FANOUT_QM: the receive queue the NIC put the packet on. */
  CLUSTER_QM(5),
  /** PACKET_FANOUT_CPU: the CPU that took the packet's interrupt. */
  CLUSTER_CPU(2),
  /** PACKET_FANOUT_LB: each packet to the next socket in turn (splits flows: stateless only). */
  CLUSTER_ROUND_ROBIN(1);

  private final int mode;

  ClusterType(int mode) {
    this.mode = mode;
  }

  /** The PACKET_FANOUT_* mode number. */
  int mode() {
    return mode;
  }

  /** The type named {@code name} ({@code cluster_flow}, ...), or an error naming the choices. */
  public static ClusterType parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cluster-type: unknown '"
              + name
              + "' (cluster_flow, cluster_qm, cluster_cpu, cluster_round_robin)");
    }
  }

  /** The configuration name. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
