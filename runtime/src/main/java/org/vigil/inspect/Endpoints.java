package org.vigil.inspect;

import org.vigil.detect.api.InspectionContext;

/** Packet endpoints as the detection stages need them: raw address bytes, and swapped sides. */
final class Endpoints {
  private Endpoints() {}

  /** The 4 (IPv4) or 16 (IPv6) bytes of an address held as two longs. */
  static byte[] address(int version, long hi, long lo) {
    byte[] a = new byte[version == 6 ? 16 : 4];
    if (version == 6) {
      for (int i = 0; i < 8; i++) {
        a[i] = (byte) (hi >>> (56 - 8 * i));
        a[8 + i] = (byte) (lo >>> (56 - 8 * i));
      }
    } else {
      int v = (int) lo;
      a[0] = (byte) (v >>> 24);
      a[1] = (byte) (v >>> 16);
      a[2] = (byte) (v >>> 8);
      a[3] = (byte) v;
    }
    return a;
  }

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
    c.flowFlags = (c.flowFlags & ~(InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_TO_CLIENT))
        | (toServer ? InspectionContext.FLOW_TO_SERVER : InspectionContext.FLOW_TO_CLIENT);
    return swap;
  }
}
