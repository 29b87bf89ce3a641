package org.vigil.verdict;

/**
 * Direction-independent 5-tuple of a packet: addresses as two 128-bit halves (IPv4 mapped into the low
 * 32 bits), ports, IP protocol and version. The lower endpoint comes first so both directions of a flow
 * give the same key.
 */
public record FlowKey(long loHi, long loLo, long hiHi, long hiLo, int loPort, int hiPort, int protocol, int ipVersion) {

  /** Builds the canonical key from one packet's endpoints, whatever its direction. */
  public static FlowKey of(int ipVersion, int protocol, long srcHi, long srcLo, int srcPort,
                           long dstHi, long dstLo, int dstPort) {
    int c = Long.compareUnsigned(srcHi, dstHi);
    if (c == 0) c = Long.compareUnsigned(srcLo, dstLo);
    if (c == 0) c = Integer.compare(srcPort, dstPort);
    return c <= 0
        ? new FlowKey(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, ipVersion)
        : new FlowKey(dstHi, dstLo, srcHi, srcLo, dstPort, srcPort, protocol, ipVersion);
  }
}
