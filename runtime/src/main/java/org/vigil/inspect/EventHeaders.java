package org.vigil.inspect;

import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.output.EventHeader;

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
        p.pktSrc());
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
        p.pktSrc());
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
