package org.vigil.inspect;

import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.output.EventHeader;
import org.vigil.output.FlowVars;

/** The shared EVE fields of a record made while a packet is inspected. */
public final class EventHeaders {
  private EventHeaders() {}

  /** The shared EVE fields, with the addresses and ports oriented as {@code ctx} inspected them. */
  public static EventHeader header(InspectionContext ctx, Packet p) {
    boolean ports = ctx.ipProto == Packet.PROTO_TCP || ctx.ipProto == Packet.PROTO_UDP;
    boolean icmp = (ctx.ipProto == 1 || ctx.ipProto == 58) && p.icmpType() >= 0;
    String dir =
        (ctx.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0
            ? "to_server"
            : (ctx.flowFlags & InspectionContext.FLOW_TO_CLIENT) != 0 ? "to_client" : null;
    return new EventHeader(
        p.timestampNanos(),
        p.flow() == null ? 0 : p.flow().id(),
        p.hasPcapCnt() ? p.pcapCnt() : null,
        p.captureName(),
        IpAddresses.formatEve(ctx.ipVersion, ctx.srcIp),
        ports ? ctx.srcPort : null,
        IpAddresses.formatEve(ctx.ipVersion, ctx.dstIp),
        ports ? ctx.dstPort : null,
        protoName(ctx.ipProto),
        dir,
        icmp ? p.icmpType() : null,
        icmp ? p.icmpCode() : null,
        p.pktSrc(),
        vlan(p),
        ctx.flowbits == null
            ? null
            : FlowVars.of(ctx.flowbits.setNames(), ctx.flowbits.flowints()));
  }

  /**
   * The packet's VLAN ids, outermost first (EVE {@code vlan}): a tunnel inner packet's are those of
   * the packet that carried it, then its own (as Suricata's inner packets inherit their parent's),
   * at most three; null when it has none.
   */
  public static java.util.List<Integer> vlan(Packet p) {
    int own = p.vlanCount();
    int outer = p.tunnelDepth() > 0 ? p.tunnelRoot().vlanCount() : 0;
    if (own == 0 && outer == 0) {
      return null;
    }
    java.util.List<Integer> ids = new java.util.ArrayList<>(own + outer);
    if (outer > 0) {
      ids.add(p.tunnelRoot().vlanId0());
      if (outer > 1) {
        ids.add(p.tunnelRoot().vlanId1());
      }
    }
    if (own > 0) {
      ids.add(p.vlanId0());
      if (own > 1) {
        ids.add(p.vlanId1());
      }
    }
    return ids.size() > 3 ? ids.subList(0, 3) : ids;
  }

  /**
   * EVE's alert {@code tunnel} object of a tunnel inner packet: its outermost packet; null for a
   * packet not in a tunnel.
   */
  public static org.vigil.output.AlertTunnel tunnel(Packet p) {
    if (p.tunnelDepth() <= 0) {
      return null;
    }
    org.vigil.decode.TunnelRoot r = p.tunnelRoot();
    return new org.vigil.output.AlertTunnel(
        IpAddresses.formatEve(r.ipVersion(), r.srcHi(), r.srcLo()),
        r.srcPort(),
        IpAddresses.formatEve(r.ipVersion(), r.dstHi(), r.dstLo()),
        r.dstPort(),
        protoName(r.proto()),
        p.tunnelDepth(),
        r.pcapCnt() > 0 ? r.pcapCnt() : null,
        r.pktSrc());
  }

  /**
   * The shared EVE fields of {@code p} as it travelled (its own source and destination), or null
   * for a packet without an IP layer.
   */
  public static EventHeader ofPacket(Packet p) {
    int v = p.ipVersion();
    if (v != 4 && v != 6) {
      return null;
    }
    int proto = p.ipProto();
    boolean ports = proto == Packet.PROTO_TCP || proto == Packet.PROTO_UDP;
    boolean icmp = (proto == 1 || proto == 58) && p.icmpType() >= 0;
    return new EventHeader(
        p.timestampNanos(),
        p.flow() == null ? 0 : p.flow().id(),
        p.hasPcapCnt() ? p.pcapCnt() : null,
        p.captureName(),
        IpAddresses.formatEve(v, p.srcHi(), p.srcLo()),
        ports ? p.srcPort() : null,
        IpAddresses.formatEve(v, p.dstHi(), p.dstLo()),
        ports ? p.dstPort() : null,
        protoName(proto),
        null,
        icmp ? p.icmpType() : null,
        icmp ? p.icmpCode() : null,
        p.pktSrc(),
        vlan(p),
        null);
  }

  /** The protocol as Suricata's EVE prints it. */
  public static String protoName(int proto) {
    return switch (proto) {
      case 6 -> "TCP";
      case 17 -> "UDP";
      case 1 -> "ICMP";
      case 58 -> "IPv6-ICMP";
      case 41 -> "IPv6";
      case 47 -> "GRE";
      case 50 -> "ESP";
      case 51 -> "AH";
      case 132 -> "SCTP";
      default -> Integer.toString(proto);
    };
  }
}
