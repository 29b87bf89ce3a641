package org.vigil.flow;

/**
 * The flow hash (the same for both directions of a flow, what routers spread packets by) and the
 * flow id EVE writes.
 */
public final class FlowHash {
  private static final long ID_MASK = (1L << 51) - 1;

  private FlowHash() {}

  /**
   * A flow's EVE id, from its key's hash, its start time and its client (first sender, which tells
   * apart the two one-way flows of an ESP exchange): the same whatever table (worker thread) holds
   * the flow, so every run mode numbers a flow alike. Positive, below 2^51 (JSON readers keep it
   * exact).
   */
  static long idOf(int hash, long start, long client) {
    long z = (((long) hash << 32) ^ start ^ (client * 0xC2B2AE3D27D4EB4FL)) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    long id = z & ID_MASK;
    return id == 0 ? 1 : id;
  }

  /**
   * The flow hash of a decoded packet, the same for both directions: what a router uses to send all
   * packets of a flow to one thread (0 for packets that have no flow).
   */
  public static int flowHash(FlowPacket p) {
    if (!FlowTable.wantsFlow(p)) return 0;
    if (p.hasIcmpEmbedded()) { // routed with the flow it reports on
      return hash(
          4,
          p.icmpEmbeddedProto(),
          0,
          p.icmpEmbeddedSrc(),
          p.icmpEmbeddedSrcPort(),
          0,
          p.icmpEmbeddedDst(),
          p.icmpEmbeddedDstPort(),
          p.vlanId0(),
          p.vlanId1(),
          p.tunnelDepth());
    }
    return outerFlowHash(p);
  }

  /**
   * The flow hash of an ICMP error by its own addresses (the hash of the ICMP flow it joins when
   * the flow it reports on is not in the table), as for any other packet.
   */
  public static int outerFlowHash(FlowPacket p) {
    return hash(
        p.ipVersion(),
        p.ipProto(),
        p.srcHi(),
        p.srcLo(),
        p.srcPort(),
        p.dstHi(),
        p.dstLo(),
        p.dstPort(),
        p.vlanId0(),
        p.vlanId1(),
        p.tunnelDepth());
  }

  /** Symmetric hash: the same for a tuple and its reverse. */
  static int hash(
      int ver,
      int proto,
      long aHi,
      long aLo,
      int aPort,
      long bHi,
      long bLo,
      int bPort,
      int v0,
      int v1,
      int depth) {
    long ha = mix(aHi * 31 + aLo) + aPort * 0x9E3779B97F4A7C15L;
    long hb = mix(bHi * 31 + bLo) + bPort * 0x9E3779B97F4A7C15L;
    ha = mix(ha);
    hb = mix(hb);
    long lo = Math.min(ha, hb), hi = Math.max(ha, hb);
    long h =
        mix(
            lo * 0x100000001B3L
                ^ hi
                ^ ((long) proto << 40)
                ^ ((long) ver << 48)
                ^ ((long) v0 << 12)
                ^ v1
                ^ ((long) depth << 56));
    return (int) (h ^ (h >>> 32));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
