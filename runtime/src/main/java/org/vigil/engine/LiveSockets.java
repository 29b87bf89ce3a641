package org.vigil.engine;

import java.util.ArrayList;
import java.util.List;
import org.vigil.acquire.afpacket.AfPacketOptions;
import org.vigil.acquire.afpacket.ClusterType;

/**
 * The capture sockets of one worker of a live run, by the layout's router, so the kernel's fanout
 * does what a reader thread's router does over capture files:
 *
 * <ul>
 *   <li>flow-hash (single, workers, autofp, custom): one socket per interface in the interface's
 *       fanout group ({@code cluster-id}, {@code cluster-type}: Vigil's flow hash by default);
 *   <li>round-robin (custom, stateless modules): the same group spreading packets in turn ({@code
 *       cluster_round_robin}, PACKET_FANOUT_LB);
 *   <li>ip-version (custom): IPv4 (with non-IP) and IPv6 are two fanout groups of their own, {@code
 *       cluster-id} and {@code cluster-id + 1}, each socket's filter taking only its version
 *       ({@code not ip6} / {@code ip6}, and-ed with the interface's {@code bpf-filter}); a worker
 *       of both versions has a socket in each. Flows hash within a group, so they stay on one
 *       worker.
 * </ul>
 *
 * @param options one entry per socket (an interface may appear twice, in its two groups)
 * @param fanout whether the sockets join their fanout groups (several sockets share a group)
 */
record LiveSockets(List<AfPacketOptions> options, boolean fanout) {

  /** The sockets of worker {@code index} of {@code workers} on {@code interfaces}. */
  static LiveSockets of(
      ThreadLayout.RouterKind router,
      List<ThreadLayout.WorkerSpec> workers,
      int index,
      List<AfPacketOptions> interfaces) {
    boolean shared = workers.size() > 1;
    return switch (router) {
      case FLOW_HASH -> new LiveSockets(interfaces, shared);
      case ROUND_ROBIN -> {
        List<AfPacketOptions> out = new ArrayList<>();
        for (AfPacketOptions o : interfaces) {
          out.add(o.withCluster(o.clusterId(), ClusterType.CLUSTER_ROUND_ROBIN));
        }
        yield new LiveSockets(out, shared);
      }
      case IP_VERSION -> {
        int version = workers.get(index).ipVersion();
        List<AfPacketOptions> out = new ArrayList<>();
        for (AfPacketOptions o : interfaces) {
          if (version != 6) {
            out.add(o.withFilter(and(o.bpfFilter(), "not ip6")));
          }
          if (version != 4) {
            out.add(
                o.withFilter(and(o.bpfFilter(), "ip6"))
                    .withCluster((o.clusterId() + 1) & 0xffff, o.clusterType()));
          }
        }
        // a group may hold one worker's socket only; joining it alone is harmless
        yield new LiveSockets(out, true);
      }
    };
  }

  private static String and(String filter, String version) {
    return filter == null || filter.isBlank() ? version : version + " and (" + filter + ")";
  }
}
