package org.vigil.inspect;

import org.vigil.detect.api.InspectionContext;

/** Packet endpoints as the detection stages need them: swapped sides. */
final class Endpoints {
  private Endpoints() {}

  /** Swaps the source and destination address and port of {@code c}. */
  static void swap(InspectionContext c) {
    for (int i = 0; i < 16; i++) {
      byte t = c.srcIp[i];
      c.srcIp[i] = c.dstIp[i];
      c.dstIp[i] = t;
    }
    int t = c.srcPort;
    c.srcPort = c.dstPort;
    c.dstPort = t;
  }

  /**
   * Orients {@code c} as data sent in direction {@code toServer}: its endpoints swapped when the
   * packet's direction differs, its direction flags set; returns true when it swapped.
   */
  static boolean orient(InspectionContext c, boolean toServer) {
    boolean swap = toServer != ((c.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0);
    if (swap) {
      swap(c);
    }
    c.flowFlags =
        (c.flowFlags & ~(InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_TO_CLIENT))
            | (toServer ? InspectionContext.FLOW_TO_SERVER : InspectionContext.FLOW_TO_CLIENT);
    return swap;
  }
}
