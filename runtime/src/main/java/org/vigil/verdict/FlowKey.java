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
    return srcFirst(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)
        ? new FlowKey(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, ipVersion)
        : new FlowKey(dstHi, dstLo, srcHi, srcLo, dstPort, srcPort, protocol, ipVersion);
  }

  /** This key packed as {@link #canonical} packs it. */
  void packInto(long[] out) {
    out[0] = loHi;
    out[1] = loLo;
    out[2] = hiHi;
    out[3] = hiLo;
    out[4] = meta(loPort, hiPort, protocol, ipVersion);
  }

  /**
   * Packs the canonical key into {@code out[0..5)}: lower endpoint's address halves, higher's, and
   * {@code loPort<<48 | hiPort<<32 | protocol<<8 | version} (never 0, as the version is 4 or 6).
   */
  static void canonical(int ipVersion, int protocol, long srcHi, long srcLo, int srcPort,
                        long dstHi, long dstLo, int dstPort, long[] out) {
    if (srcFirst(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)) {
      out[0] = srcHi;
      out[1] = srcLo;
      out[2] = dstHi;
      out[3] = dstLo;
      out[4] = meta(srcPort, dstPort, protocol, ipVersion);
    } else {
      out[0] = dstHi;
      out[1] = dstLo;
      out[2] = srcHi;
      out[3] = srcLo;
      out[4] = meta(dstPort, srcPort, protocol, ipVersion);
    }
  }

  private static long meta(int loPort, int hiPort, int protocol, int ipVersion) {
    return ((long) loPort << 48) | ((long) hiPort << 32) | ((long) (protocol & 0xff) << 8) | (ipVersion & 0xff);
  }

  private static boolean srcFirst(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
    int c = Long.compareUnsigned(srcHi, dstHi);
    if (c == 0) c = Long.compareUnsigned(srcLo, dstLo);
    if (c == 0) c = Integer.compare(srcPort, dstPort);
    return c <= 0;
  }
}
