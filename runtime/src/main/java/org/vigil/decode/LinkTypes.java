package org.vigil.decode;

/** pcap link-type (DLT/LINKTYPE) numbers the decoder understands. */
public final class LinkTypes {
  private LinkTypes() {}

  public static final int NULL = 0,
      ETHERNET = 1,
      PPP = 9,
      RAW_12 = 12,
      RAW_14 = 14,
      RAW = 101,
      LOOP = 108,
      CISCO_HDLC = 104,
      LINUX_SLL = 113,
      IPV4 = 228,
      IPV6 = 229,
      LINUX_SLL2 = 276,
      /** MPLS label stack first (LINKTYPE_MPLS), used for MPLS carried in GRE. */
      MPLS = 219;

  /** True for the link types this decoder reads. */
  public static boolean supported(int linkType) {
    return switch (linkType) {
      case NULL,
          ETHERNET,
          PPP,
          CISCO_HDLC,
          RAW_12,
          RAW_14,
          RAW,
          LOOP,
          LINUX_SLL,
          IPV4,
          IPV6,
          LINUX_SLL2,
          MPLS ->
          true;
      default -> false;
    };
  }
}
