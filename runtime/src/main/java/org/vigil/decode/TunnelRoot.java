package org.vigil.decode;

/**
 * The outermost packet of a tunnel inner packet, as EVE's alert {@code tunnel} object reports it:
 * its addresses, ports, protocol, capture number, source and VLAN ids. Filled when an inner packet
 * is made (a copy: the outer packet may be reused by then); meaningful while the inner packet's
 * {@link Packet#tunnelDepth()} is above 0.
 */
public final class TunnelRoot {
  int ipVersion;
  long srcHi, srcLo, dstHi, dstLo;
  int srcPort, dstPort;
  int proto;
  long pcapCnt;
  String pktSrc;
  int vlanCount, vlan0, vlan1;

  /** Takes the root of the packet that carried {@code outer}'s inner packet. */
  void rootOf(Packet outer) {
    if (outer.tunnelDepth > 0) {
      copy(outer.tunnelRoot());
      return;
    }
    ipVersion = outer.ipVersion;
    srcHi = outer.srcHi;
    srcLo = outer.srcLo;
    dstHi = outer.dstHi;
    dstLo = outer.dstLo;
    boolean ports = outer.ipProto == Packet.PROTO_TCP || outer.ipProto == Packet.PROTO_UDP;
    srcPort = ports ? outer.srcPort : 0;
    dstPort = ports ? outer.dstPort : 0;
    proto = outer.ipProto;
    pcapCnt = outer.pcapCnt;
    pktSrc = outer.pktSrc();
    vlanCount = outer.vlanCount;
    vlan0 = outer.vlan0;
    vlan1 = outer.vlan1;
  }

  /** Clears every field (a packet not in a tunnel). */
  void clear() {
    ipVersion = 0;
    srcHi = srcLo = dstHi = dstLo = 0;
    srcPort = dstPort = 0;
    proto = 0;
    pcapCnt = 0;
    pktSrc = null;
    vlanCount = vlan0 = vlan1 = 0;
  }

  /** Field by field (packets and their copies compare their roots so). */
  @Override
  public boolean equals(Object o) {
    return o instanceof TunnelRoot r
        && ipVersion == r.ipVersion
        && srcHi == r.srcHi
        && srcLo == r.srcLo
        && dstHi == r.dstHi
        && dstLo == r.dstLo
        && srcPort == r.srcPort
        && dstPort == r.dstPort
        && proto == r.proto
        && pcapCnt == r.pcapCnt
        && java.util.Objects.equals(pktSrc, r.pktSrc)
        && vlanCount == r.vlanCount
        && vlan0 == r.vlan0
        && vlan1 == r.vlan1;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(ipVersion, srcLo, dstLo, srcPort, dstPort, proto, pcapCnt);
  }

  /** Makes this a copy of {@code o}. */
  void copy(TunnelRoot o) {
    ipVersion = o.ipVersion;
    srcHi = o.srcHi;
    srcLo = o.srcLo;
    dstHi = o.dstHi;
    dstLo = o.dstLo;
    srcPort = o.srcPort;
    dstPort = o.dstPort;
    proto = o.proto;
    pcapCnt = o.pcapCnt;
    pktSrc = o.pktSrc;
    vlanCount = o.vlanCount;
    vlan0 = o.vlan0;
    vlan1 = o.vlan1;
  }

  /** 4 or 6. */
  public int ipVersion() {
    return ipVersion;
  }

  /** Source address, high 64 bits (IPv4: 0). */
  public long srcHi() {
    return srcHi;
  }

  /** Source address, low 64 bits (IPv4: the address). */
  public long srcLo() {
    return srcLo;
  }

  /** Destination address, high 64 bits. */
  public long dstHi() {
    return dstHi;
  }

  /** Destination address, low 64 bits. */
  public long dstLo() {
    return dstLo;
  }

  /** Source port (0 for a protocol without ports). */
  public int srcPort() {
    return srcPort;
  }

  /** Destination port (0 for a protocol without ports). */
  public int dstPort() {
    return dstPort;
  }

  /** IP protocol number of the outer packet (GRE 47, UDP 17, …). */
  public int proto() {
    return proto;
  }

  /** The outer packet's number in its capture (0: none). */
  public long pcapCnt() {
    return pcapCnt;
  }

  /** How the outer packet came (EVE {@code pkt_src}). */
  public String pktSrc() {
    return pktSrc;
  }

  /** The outer packet's VLAN count (ids {@link #vlanId0}, {@link #vlanId1}). */
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
}
