package org.vigil.decode;

/**
 * Dispatches a frame through the layer decoders (link, L2, L3, L4, tunnels). Each layer class does
 * one header; anomalies become counted events and decoding goes on as far as the bytes allow.
 */
public final class Decoder {
  final DecodeConfig config;
  final PathStats stats;
  final NullDecoder nullLink = new NullDecoder(this);
  final SllDecoder sll = new SllDecoder(this);
  final Sll2Decoder sll2 = new Sll2Decoder(this);
  final EthernetDecoder ethernet = new EthernetDecoder(this);
  final CiscoHdlcDecoder chdlc = new CiscoHdlcDecoder(this);
  final VlanDecoder vlan = new VlanDecoder(this);
  final PppoeDecoder pppoe = new PppoeDecoder(this);
  final FabricPathDecoder fabricPath = new FabricPathDecoder(this);
  final VntagDecoder vntag = new VntagDecoder(this);
  final PbbDecoder pbb = new PbbDecoder(this);
  final NshDecoder nsh = new NshDecoder(this);
  final PppDecoder ppp = new PppDecoder(this);
  final MplsDecoder mpls = new MplsDecoder(this);
  final Ipv4Decoder ipv4 = new Ipv4Decoder(this);
  final Ipv6Decoder ipv6 = new Ipv6Decoder(this);
  final TcpDecoder tcp = new TcpDecoder(this);
  final UdpDecoder udp = new UdpDecoder(this);
  final Icmpv4Decoder icmpv4 = new Icmpv4Decoder(this);
  final Icmpv6Decoder icmpv6 = new Icmpv6Decoder(this);
  final GreDecoder gre = new GreDecoder(this);
  final ErspanDecoder erspan = new ErspanDecoder(this);
  final VxlanDecoder vxlan = new VxlanDecoder(this);
  final GeneveDecoder geneve = new GeneveDecoder(this);
  final TeredoDecoder teredo = new TeredoDecoder(this);

  public Decoder(DecodeConfig config, PathStats stats) {
    this.config = config;
    this.stats = stats;
  }

  public DecodeConfig config() {
    return config;
  }

  /** Records an anomaly on the packet and counts it (once per packet and kind). */
  public void event(Packet p, DecodeEvent e) {
    if (p.addEvent(e)) stats.decoderEvent(e);
  }

  /** Decodes the frame in p according to its link type. */
  public void decode(Packet p) {
    decodeLink(p, p.linkType, 0, p.length);
  }

  /** Decodes bytes [off, off+len) of p as a frame of the given link type. */
  public void decodeLink(Packet p, int linkType, int off, int len) {
    switch (linkType) {
      case LinkTypes.ETHERNET -> ethernet.decode(p, off, len);
      case LinkTypes.NULL, LinkTypes.LOOP ->
          nullLink.decode(p, off, len, linkType == LinkTypes.LOOP);
      case LinkTypes.LINUX_SLL -> sll.decode(p, off, len);
      case LinkTypes.LINUX_SLL2 -> sll2.decode(p, off, len);
      case LinkTypes.RAW, LinkTypes.RAW_12, LinkTypes.RAW_14 -> rawIp(p, off, len);
      case LinkTypes.IPV4 -> ipv4.decode(p, off, len);
      case LinkTypes.IPV6 -> ipv6.decode(p, off, len);
      case LinkTypes.PPP -> ppp.decode(p, off, len);
      case LinkTypes.MPLS -> mpls.decode(p, off, len);
      case LinkTypes.CISCO_HDLC -> chdlc.decode(p, off, len);
      default -> event(p, DecodeEvent.LINK_UNSUPPORTED);
    }
  }

  /** Raw IP: the version nibble picks IPv4 or IPv6. */
  void rawIp(Packet p, int off, int len) {
    if (len < 1) {
      event(p, DecodeEvent.IPV4_PKT_TOO_SMALL);
      return;
    }
    switch ((p.data[off] & 0xff) >>> 4) {
      case 4 -> ipv4.decode(p, off, len);
      case 6 -> ipv6.decode(p, off, len);
      default -> event(p, DecodeEvent.IPRAW_INVALID_IPV);
    }
  }

  /**
   * Counts one more layer-2 header in p; false (and an event) past 16, against recursive
   * encapsulations.
   */
  boolean enterLayer(Packet p) {
    if (++p.layers > 16) {
      event(p, DecodeEvent.TOO_MANY_LAYERS);
      return false;
    }
    return true;
  }

  /** Continues after an Ethernet-type field. */
  void etherType(Packet p, int type, int off, int len) {
    if (!enterLayer(p)) return;
    switch (type) {
      case EtherTypes.IPV4 -> ipv4.decode(p, off, len);
      case EtherTypes.IPV6 -> ipv6.decode(p, off, len);
      case EtherTypes.VLAN, EtherTypes.QINQ, EtherTypes.QINQ_OLD -> vlan.decode(p, off, len);
      case EtherTypes.PPPOE_SESS -> pppoe.decodeSession(p, off, len);
      case EtherTypes.PPPOE_DISC -> pppoe.decodeDiscovery(p, off, len);
      case EtherTypes.MPLS_UC, EtherTypes.MPLS_MC -> mpls.decode(p, off, len);
      case EtherTypes.TEB -> tunnel(p, LinkTypes.ETHERNET, off, len);
      case EtherTypes.DCE -> fabricPath.decode(p, off, len);
      case EtherTypes.VNTAG -> vntag.decode(p, off, len);
      case EtherTypes.PBB -> pbb.decode(p, off, len);
      case EtherTypes.NSH -> nsh.decode(p, off, len);
      case EtherTypes.ARP -> {}
      default -> {}
    }
  }

  /** Continues after an IP header with the given next protocol. */
  void ipNext(Packet p, int proto, int off, int len) {
    switch (proto) {
      case Packet.PROTO_TCP -> tcp.decode(p, off, len);
      case Packet.PROTO_UDP -> udp.decode(p, off, len);
      case Packet.PROTO_ICMP -> {
        if (p.ipVersion == 6) event(p, DecodeEvent.IPV6_WITH_ICMPV4);
        else icmpv4.decode(p, off, len);
      }
      case Packet.PROTO_ICMPV6 -> {
        if (p.ipVersion == 4) event(p, DecodeEvent.IPV4_WITH_ICMPV6);
        else icmpv6.decode(p, off, len);
      }
      case Packet.PROTO_GRE -> gre.decode(p, off, len);
      case 4 -> tunnel(p, LinkTypes.IPV4, off, len);
      case 41 -> tunnel(p, LinkTypes.IPV6, off, len);
      default -> {
        p.payloadOffset = off;
        p.payloadLength = len;
      }
    }
  }

  /**
   * Marks p as a tunnel root whose inner frame [off, off+len) of the given link type is decoded
   * later as its own packet (Suricata's pseudo packets). Only the first tunnel in a packet is
   * taken.
   */
  void tunnel(Packet p, int innerLinkType, int off, int len) {
    if (p.tunnelRoot || len <= 0) return;
    if (p.tunnelDepth >= config.maxTunnelDepth()) {
      event(p, DecodeEvent.TOO_MANY_LAYERS);
      return;
    }
    p.tunnelRoot = true;
    p.innerOffset = off;
    p.innerLength = len;
    p.innerKind = innerLinkType;
  }
}
