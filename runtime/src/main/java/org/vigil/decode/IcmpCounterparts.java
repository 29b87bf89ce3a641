package org.vigil.decode;

/**
 * The ICMP and ICMPv6 message types that answer each other (echo request and reply, ...), in one
 * table for the two conventions that pair them: Suricata's flow record ({@code response_icmp_type})
 * and the Community ID spec (an ICMP flow's ports). They agree but for IPv4's router solicitation
 * and advertisement (Community ID only) and ICMPv6's mobile prefix solicitation and advertisement
 * (the flow record only).
 */
public final class IcmpCounterparts {
  /** Who pairs the types. */
  public enum Convention {
    /** Suricata's flow record. */
    FLOW_RECORD,
    /** The Community ID flow hashing spec. */
    COMMUNITY_ID
  }

  private static final int BOTH = 3;
  private static final int FLOW_ONLY = 1;
  private static final int COMMUNITY_ONLY = 2;

  /** Rows of {request, reply, conventions (bits of Convention ordinals)}. */
  private static final int[][] V4 = {
    {8, 0, BOTH}, {13, 14, BOTH}, {15, 16, BOTH}, {17, 18, BOTH}, {10, 9, COMMUNITY_ONLY}
  };

  private static final int[][] V6 = {
    {128, 129, BOTH},
    {130, 131, BOTH},
    {133, 134, BOTH},
    {135, 136, BOTH},
    {139, 140, BOTH},
    {144, 145, BOTH},
    {146, 147, FLOW_ONLY}
  };

  /** [convention][v6 ? 1 : 0][type]: the counterpart, or -1. */
  private static final int[][][] TABLE = new int[2][2][256];

  static {
    for (Convention c : Convention.values()) {
      for (int v = 0; v < 2; v++) {
        int[] row = TABLE[c.ordinal()][v];
        java.util.Arrays.fill(row, -1);
        for (int[] pair : v == 1 ? V6 : V4) {
          if ((pair[2] & (1 << c.ordinal())) != 0) {
            row[pair[0]] = pair[1];
            row[pair[1]] = pair[0];
          }
        }
      }
    }
  }

  private IcmpCounterparts() {}

  /**
   * The type that answers {@code type} (either way: a reply's is its request) as {@code convention}
   * pairs them, or -1 when it has none.
   */
  public static int of(Convention convention, boolean v6, int type) {
    if (type < 0 || type > 255) {
      return -1;
    }
    return TABLE[convention.ordinal()][v6 ? 1 : 0][type];
  }
}
