package org.vigil.decode;

/**
 * The link (VLAN) and IP header fields of a {@link Packet}: set directly by the decoders of this
 * package, read through the accessors.
 */
public abstract sealed class LinkAndIpHeaders permits TransportHeaders {
  /** IP protocol numbers used by {@link #ipProto()}. */
  public static final int PROTO_ICMP = 1,
      PROTO_TCP = 6,
      PROTO_UDP = 17,
      PROTO_GRE = 47,
      PROTO_ESP = 50,
      PROTO_AH = 51,
      PROTO_ICMPV6 = 58;

  /** Bits of {@link #ipOptionMask()}: which IPv4 options were present (for the ipopts keyword). */
  public static final int IPOPT_EOL = 1,
      IPOPT_NOP = 2,
      IPOPT_RR = 4,
      IPOPT_TS = 8,
      IPOPT_SEC = 16,
      IPOPT_ESEC = 32,
      IPOPT_LSRR = 64,
      IPOPT_SSRR = 128,
      IPOPT_SATID = 256,
      IPOPT_RTRALT = 512,
      IPOPT_QS = 1024,
      IPOPT_OTHER = 2048;

  // layer 2
  int vlanCount;
  int layers;
  int vlan0, vlan1;
  // layer 3
  int ipVersion;
  int l3Offset;
  int ipHeaderLength;
  int ipPayloadOffset, ipPayloadLength;
  long srcHi, srcLo, dstHi, dstLo;
  int ttl, tos, ipId;
  int fragOffset;
  boolean moreFragments, dontFragment, reservedBit, fragment, ipOptions;
  int ipOptionMask;
  int ipProto;
  int fragHeaderOffset;
  int fragNhFieldOffset;

  LinkAndIpHeaders() {}

  /** Clears the VLAN fields and the count of decoded layers. */
  final void resetLink() {
    vlanCount = vlan0 = vlan1 = 0;
    layers = 0;
  }

  /** Clears the IP header fields. */
  final void resetIp() {
    ipVersion = 0;
    l3Offset = ipHeaderLength = ipPayloadOffset = ipPayloadLength = 0;
    srcHi = srcLo = dstHi = dstLo = 0;
    ttl = tos = ipId = 0;
    fragOffset = 0;
    moreFragments = dontFragment = reservedBit = fragment = ipOptions = false;
    ipOptionMask = 0;
    ipProto = 0;
    fragHeaderOffset = 0;
    fragNhFieldOffset = 0;
  }

  /** Copies the VLAN and IP header fields of {@code o}. */
  final void copyLinkAndIpFrom(LinkAndIpHeaders o) {
    vlanCount = o.vlanCount;
    layers = o.layers;
    vlan0 = o.vlan0;
    vlan1 = o.vlan1;
    ipVersion = o.ipVersion;
    l3Offset = o.l3Offset;
    ipHeaderLength = o.ipHeaderLength;
    ipPayloadOffset = o.ipPayloadOffset;
    ipPayloadLength = o.ipPayloadLength;
    srcHi = o.srcHi;
    srcLo = o.srcLo;
    dstHi = o.dstHi;
    dstLo = o.dstLo;
    ttl = o.ttl;
    tos = o.tos;
    ipId = o.ipId;
    fragOffset = o.fragOffset;
    moreFragments = o.moreFragments;
    dontFragment = o.dontFragment;
    reservedBit = o.reservedBit;
    fragment = o.fragment;
    ipOptions = o.ipOptions;
    ipOptionMask = o.ipOptionMask;
    ipProto = o.ipProto;
    fragHeaderOffset = o.fragHeaderOffset;
    fragNhFieldOffset = o.fragNhFieldOffset;
  }

  // ---- VLAN ----
  public int vlanCount() {
    return vlanCount;
  }

  /** Outer VLAN id (0 when none). */
  public int vlanId0() {
    return vlan0;
  }

  /** Inner VLAN id (0 when none). */
  public int vlanId1() {
    return vlan1;
  }

  // ---- IP ----
  /** 4, 6, or 0 when no IP layer was decoded. */
  public int ipVersion() {
    return ipVersion;
  }

  public boolean isIpv4() {
    return ipVersion == 4;
  }

  public boolean isIpv6() {
    return ipVersion == 6;
  }

  public int l3Offset() {
    return l3Offset;
  }

  /** IPv4 header length, or IPv6 header plus extension headers. */
  public int ipHeaderLength() {
    return ipHeaderLength;
  }

  public int ipPayloadOffset() {
    return ipPayloadOffset;
  }

  public int ipPayloadLength() {
    return ipPayloadLength;
  }

  /** Upper 64 bits of the source address (0 for IPv4). */
  public long srcHi() {
    return srcHi;
  }

  /**
   * Lower 64 bits of the source address (the IPv4 address as an unsigned 32-bit value for IPv4).
   */
  public long srcLo() {
    return srcLo;
  }

  public long dstHi() {
    return dstHi;
  }

  public long dstLo() {
    return dstLo;
  }

  /** IPv4 source as an int (network order value). */
  public int srcIpv4() {
    return (int) srcLo;
  }

  public int dstIpv4() {
    return (int) dstLo;
  }

  public String srcAddress() {
    return IpAddresses.format(ipVersion, srcHi, srcLo);
  }

  public String dstAddress() {
    return IpAddresses.format(ipVersion, dstHi, dstLo);
  }

  /** Source as Suricata's EVE writes it (IPv6 uncompressed, e.g. 2001:0db8:0000:...). */
  public String srcAddressEve() {
    return IpAddresses.formatEve(ipVersion, srcHi, srcLo);
  }

  public String dstAddressEve() {
    return IpAddresses.formatEve(ipVersion, dstHi, dstLo);
  }

  /** TTL (IPv4) or hop limit (IPv6). */
  public int ttl() {
    return ttl;
  }

  /** TOS (IPv4) or traffic class (IPv6). */
  public int tos() {
    return tos;
  }

  /** IPv4 id, or the IPv6 fragment header identification. */
  public int ipId() {
    return ipId;
  }

  /** Fragment offset in bytes. */
  public int fragOffset() {
    return fragOffset;
  }

  public boolean moreFragments() {
    return moreFragments;
  }

  public boolean dontFragment() {
    return dontFragment;
  }

  /** The IPv4 reserved ("evil") flag bit (fragbits R). */
  public boolean reservedBit() {
    return reservedBit;
  }

  /** IPOPT_* bits of the IPv4 options present (0 when none). */
  public int ipOptionMask() {
    return ipOptionMask;
  }

  /** True when this packet is an IP fragment (its layer 4 is not decoded). */
  public boolean isFragment() {
    return fragment;
  }

  public boolean hasIpOptions() {
    return ipOptions;
  }

  /** IPv6: offset of the fragment header (0 when none). */
  public int fragHeaderOffset() {
    return fragHeaderOffset;
  }

  /**
   * IPv6: offset of the next-header byte that names the fragment header (in the IPv6 header or the
   * previous extension).
   */
  public int fragNextHeaderFieldOffset() {
    return fragNhFieldOffset;
  }

  /** Layer-4 protocol number (after IPv6 extension headers). */
  public int ipProto() {
    return ipProto;
  }
}
