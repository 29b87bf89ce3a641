package org.vigil.portscan;

import org.vigil.decode.Bytes;
import org.vigil.decode.Packet;
import org.vigil.flow.Flow;
import org.vigil.portscan.Probe.Kind;

/**
 * Reads what a packet means to scan tracking, from its headers and its flow (the flow module has
 * counted the packet in its flow already):
 *
 * <ul>
 *   <li>TCP: the first packet of a flow towards the server without ACK or RST (SYN, FIN, NULL and
 *       Xmas probes) is an attempt on the destination port; the server's SYN/ACK a valid response;
 *       a RST towards the client of a flow whose server never sent a SYN a negative response
 *       (without a flow: a lone SYN is an attempt, a SYN/ACK valid, a RST negative).
 *   <li>UDP and other IP protocols: the first packet of a flow towards the server is an attempt
 *       (UDP on its port, other protocols on their protocol number, tracked as IP); the first
 *       packet back a valid response.
 *   <li>ICMP: echo, timestamp, information and address mask requests (ICMPv6: echo requests) are
 *       attempts (sweeps); destination unreachables, ICMPv4's and ICMPv6's alike, are negative
 *       responses of the quoted packet's protocol (TCP, UDP, protocol unreachable and ICMPv6's
 *       unrecognized next header of IP, others of ICMP), the quoted packet's source being the
 *       scanner.
 * </ul>
 *
 * Packets to multicast or broadcast addresses are never attempts: routing and discovery protocols
 * (IGMP, PIM, OSPF, EIGRP, mDNS) reach many groups by design.
 */
public final class ProbeReader {
  private static final int ICMP_UNREACHABLE = 3;
  private static final int ICMP_PROTOCOL_UNREACHABLE = 2;
  private static final int IPIP = 4;
  private static final int IPV6_IN_IP = 41;
  private static final int ICMPV6_UNREACHABLE = 1;
  private static final int ICMPV6_PARAMETER_PROBLEM = 4;
  private static final int ICMPV6_UNRECOGNIZED_NEXT_HEADER = 1;

  /** Fills {@code probe} from {@code p}; false when the packet means nothing to scan tracking. */
  public boolean read(Packet p, Probe probe) {
    if (p.isPseudo() || p.isFragment() || p.ipVersion() == 0 || toGroup(p)) {
      return false;
    }
    probe.timeNanos = p.timestampNanos();
    if (p.isTcp()) {
      return tcp(p, probe);
    }
    if (p.isUdp()) {
      return other(p, probe, ScanProtocol.UDP, p.dstPort());
    }
    if (p.isIcmpv4() || p.isIcmpv6()) {
      return icmp(p, probe);
    }
    int proto = p.ipProto();
    if (proto == Packet.PROTO_TCP
        || proto == Packet.PROTO_UDP
        || proto == Packet.PROTO_ICMP
        || proto == Packet.PROTO_ICMPV6) {
      return false; // a transport header too short to decode
    }
    if (proto == IPIP || proto == IPV6_IN_IP || proto == Packet.PROTO_GRE) {
      return false; // a tunnel the decoder could not open: a broken carrier, not a probe
    }
    return other(p, probe, ScanProtocol.IP, proto);
  }

  private static boolean tcp(Packet p, Probe probe) {
    int flags = p.tcpFlags();
    Flow f = p.flow();
    boolean rst = (flags & Packet.RST) != 0;
    boolean syn = (flags & Packet.SYN) != 0;
    boolean ack = (flags & Packet.ACK) != 0;
    if (rst) {
      boolean refused = f == null || (!p.toServer() && (f.tcpFlagsToClient() & Packet.SYN) == 0);
      if (refused) {
        reversed(p, probe, Kind.NEGATIVE_RESPONSE, ScanProtocol.TCP);
        return true;
      }
      return false;
    }
    if (f == null) {
      if (syn && !ack) {
        forward(p, probe, Kind.ATTEMPT, ScanProtocol.TCP, p.dstPort());
        return true;
      }
      if (syn) {
        reversed(p, probe, Kind.VALID_RESPONSE, ScanProtocol.TCP);
        return true;
      }
      return false;
    }
    if (p.toServer()) {
      if (!ack && f.packetsToServer() == 1 && f.packetsToClient() == 0) {
        forward(p, probe, Kind.ATTEMPT, ScanProtocol.TCP, p.dstPort());
        return true;
      }
      return false;
    }
    if (syn && ack && f.packetsToClient() == 1) {
      reversed(p, probe, Kind.VALID_RESPONSE, ScanProtocol.TCP);
      return true;
    }
    return false;
  }

  /** UDP and other IP protocols: the first packet each way of a flow. */
  private static boolean other(Packet p, Probe probe, ScanProtocol protocol, int port) {
    Flow f = p.flow();
    if (f == null) {
      forward(p, probe, Kind.ATTEMPT, protocol, port);
      return true;
    }
    if (p.toServer() && f.packetsToServer() == 1 && f.packetsToClient() == 0) {
      forward(p, probe, Kind.ATTEMPT, protocol, port);
      return true;
    }
    if (!p.toServer() && f.packetsToClient() == 1) {
      reversed(p, probe, Kind.VALID_RESPONSE, protocol);
      probe.scannedPort = protocol == ScanProtocol.UDP ? p.srcPort() : port;
      return true;
    }
    return false;
  }

  private static boolean icmp(Packet p, Probe probe) {
    int type = p.icmpType();
    if (p.isIcmpv6()) {
      if (type == 128 && firstToServer(p)) {
        forward(p, probe, Kind.ATTEMPT, ScanProtocol.ICMP, -1);
        return true;
      }
      return unreachable6(p, probe);
    }
    switch (type) {
      case 8, 13, 15, 17 -> {
        if (firstToServer(p)) {
          forward(p, probe, Kind.ATTEMPT, ScanProtocol.ICMP, -1);
          return true;
        }
        return false;
      }
      case ICMP_UNREACHABLE -> {
        return unreachable(p, probe);
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean firstToServer(Packet p) {
    Flow f = p.flow();
    return f == null || (p.toServer() && f.packetsToServer() == 1);
  }

  /** A destination unreachable: the quoted packet's sender is the scanner. */
  private static boolean unreachable(Packet p, Probe probe) {
    if (p.hasIcmpEmbedded()) {
      int inner = p.icmpEmbeddedProto();
      ScanProtocol protocol =
          switch (inner) {
            case Packet.PROTO_TCP -> ScanProtocol.TCP;
            case Packet.PROTO_UDP -> ScanProtocol.UDP;
            default -> ScanProtocol.ICMP;
          };
      boolean ports = protocol != ScanProtocol.ICMP;
      probe.set(
          Kind.NEGATIVE_RESPONSE,
          protocol,
          4,
          0,
          p.icmpEmbeddedSrc(),
          ports ? p.icmpEmbeddedSrcPort() : -1,
          0,
          p.icmpEmbeddedDst(),
          ports ? p.icmpEmbeddedDstPort() : -1);
      return true;
    }
    // other quoted protocols: the decoder does not attach them, read the quoted IPv4 header here
    int quoted = p.l4Offset() + 8;
    byte[] b = p.data();
    if (p.icmpCode() != ICMP_PROTOCOL_UNREACHABLE
        || quoted + 20 > p.length()
        || (b[quoted] & 0xff) >>> 4 != 4) {
      return false;
    }
    probe.set(
        Kind.NEGATIVE_RESPONSE,
        ScanProtocol.IP,
        4,
        0,
        Bytes.u32L(b, quoted + 12),
        -1,
        0,
        Bytes.u32L(b, quoted + 16),
        b[quoted + 9] & 0xff);
    return true;
  }

  /**
   * An ICMPv6 destination unreachable (any code: of the quoted packet's protocol, TCP, UDP, else
   * ICMP) or parameter problem "unrecognized next header" (IPv6's protocol unreachable: of IP
   * protocols, the quoted next header being the protocol probed). The decoder does not attach
   * quoted IPv6 packets, so the quoted header is read here; its sender is the scanner.
   */
  private static boolean unreachable6(Packet p, Probe probe) {
    int type = p.icmpType();
    boolean protocolUnreachable =
        type == ICMPV6_PARAMETER_PROBLEM && p.icmpCode() == ICMPV6_UNRECOGNIZED_NEXT_HEADER;
    int quoted = p.l4Offset() + 8;
    byte[] b = p.data();
    if ((type != ICMPV6_UNREACHABLE && !protocolUnreachable)
        || quoted + 40 > p.length()
        || (b[quoted] & 0xff) >>> 4 != 6) {
      return false;
    }
    int next = b[quoted + 6] & 0xff;
    ScanProtocol protocol =
        protocolUnreachable
            ? ScanProtocol.IP
            : switch (next) {
              case Packet.PROTO_TCP -> ScanProtocol.TCP;
              case Packet.PROTO_UDP -> ScanProtocol.UDP;
              default -> ScanProtocol.ICMP;
            };
    int l4 = quoted + 40;
    boolean ports =
        (protocol == ScanProtocol.TCP || protocol == ScanProtocol.UDP) && l4 + 4 <= p.length();
    int probed = protocol == ScanProtocol.IP ? next : ports ? Bytes.u16(b, l4 + 2) : -1;
    probe.set(
        Kind.NEGATIVE_RESPONSE,
        protocol,
        6,
        Bytes.u64(b, quoted + 8),
        Bytes.u64(b, quoted + 16),
        ports ? Bytes.u16(b, l4) : -1,
        Bytes.u64(b, quoted + 24),
        Bytes.u64(b, quoted + 32),
        probed);
    return true;
  }

  /** Whether {@code p} goes to a multicast or broadcast address. */
  static boolean toGroup(Packet p) {
    if (p.ipVersion() == 6) {
      return (p.dstHi() >>> 56) == 0xff;
    }
    long d = p.dstLo() & 0xFFFF_FFFFL;
    return (d >>> 28) == 0xE || d == 0xFFFF_FFFFL;
  }

  private static void forward(Packet p, Probe probe, Kind kind, ScanProtocol protocol, int port) {
    boolean ports = p.isTcp() || p.isUdp();
    probe.set(
        kind,
        protocol,
        p.ipVersion(),
        p.srcHi(),
        p.srcLo(),
        ports ? p.srcPort() : -1,
        p.dstHi(),
        p.dstLo(),
        port);
  }

  /** A packet from the scanned host to the scanner. */
  private static void reversed(Packet p, Probe probe, Kind kind, ScanProtocol protocol) {
    boolean ports = p.isTcp() || p.isUdp();
    probe.set(
        kind,
        protocol,
        p.ipVersion(),
        p.dstHi(),
        p.dstLo(),
        ports ? p.dstPort() : -1,
        p.srcHi(),
        p.srcLo(),
        ports ? p.srcPort() : -1);
  }
}
