package org.vigil.portscan;

import static org.vigil.testing.PacketBuilder.icmp;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.ipv6;
import static org.vigil.testing.PacketBuilder.tcp;
import static org.vigil.testing.PacketBuilder.udp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigil.decode.Bytes;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowTable;
import org.vigil.testing.PacketBuilder;

/**
 * Test helper: hand-built IPv4 and IPv6 packets decoded, tracked by a flow table and counted by a
 * portscan detector, as the flow and portscan modules of one thread do; the scans found are kept.
 */
final class ScanWire {
  final PathStats stats = new PathStats();
  final Decoder decoder = new Decoder(DecodeConfig.defaults(), stats);
  final FlowTable flows = new FlowTable(FlowConfig.defaults(), stats.flows, (f, r) -> {});
  final PortscanDetector detector;
  final List<ScanAlert> alerts;
  long nanos = 1_000_000_000L;

  ScanWire(PortscanConfig config, ScanTracker tracker, List<ScanAlert> alerts) {
    this.detector = new PortscanDetector(config, tracker);
    this.alerts = alerts;
  }

  ScanWire(PortscanConfig config) {
    this(config, new ScanTracker(config.memcapBytes()), new ArrayList<>());
  }

  /** Capture time moves on by {@code seconds}. */
  ScanWire after(double seconds) {
    nanos += (long) (seconds * 1e9);
    return this;
  }

  /** Sends one IPv4 packet of {@code proto} carrying {@code l4}. */
  ScanWire ip(String src, String dst, int proto, byte[] l4) {
    return send(ipv4(src, dst, proto, l4));
  }

  /** Sends one IPv6 packet of {@code proto} carrying {@code l4}. */
  ScanWire ip6(String src, String dst, int proto, byte[] l4) {
    return send(ipv6(src, dst, proto, l4));
  }

  private ScanWire send(byte[] frame) {
    Packet p = new Packet(frame.length);
    System.arraycopy(frame, 0, p.data(), 0, frame.length);
    p.setFrame(frame.length, frame.length, nanos, LinkTypes.RAW, 1, "t");
    decoder.decode(p);
    if (!p.isFragment()) {
      flows.handle(p);
    }
    synchronized (alerts) {
      detector.process(p, alerts::add);
    }
    nanos += 1_000_000L;
    return this;
  }

  ScanWire tcpFlags(String src, int sp, String dst, int dp, int flags) {
    return ip(src, dst, 6, tcp(sp, dp, 1, flags == PacketBuilder.SYN ? 0 : 1, flags, new byte[0]));
  }

  /** A SYN from {@code src} to port {@code dp} of {@code dst}. */
  ScanWire syn(String src, String dst, int dp) {
    return tcpFlags(src, 40000, dst, dp, PacketBuilder.SYN);
  }

  /** The scanned host refuses: RST/ACK back. */
  ScanWire rst(String src, String dst, int dp) {
    return tcpFlags(dst, dp, src, 40000, PacketBuilder.RST | PacketBuilder.ACK);
  }

  /** The scanned host accepts: SYN/ACK back. */
  ScanWire synAck(String src, String dst, int dp) {
    return tcpFlags(dst, dp, src, 40000, PacketBuilder.SYN | PacketBuilder.ACK);
  }

  /** A datagram from {@code src} to port {@code dp} of {@code dst}. */
  ScanWire udpTo(String src, String dst, int dp) {
    return ip(src, dst, 17, udp(40000, dp, new byte[0]));
  }

  /**
   * An ICMP destination unreachable of {@code code} from {@code from} to the sender of {@code
   * quoted} (an IPv4 packet as {@link PacketBuilder#ipv4} builds it), quoting its header and 8
   * bytes.
   */
  ScanWire unreachable(String from, byte[] quoted, int code) {
    int hl = (quoted[0] & 0x0f) * 4;
    byte[] quote = Arrays.copyOf(quoted, Math.min(quoted.length, hl + 8));
    String to =
        (quoted[12] & 0xff)
            + "."
            + (quoted[13] & 0xff)
            + "."
            + (quoted[14] & 0xff)
            + "."
            + (quoted[15] & 0xff);
    return ip(from, to, 1, icmp(3, code, 0, 0, quote));
  }

  /** A SYN over IPv6; {@link #tcp6} answers it. */
  ScanWire syn6(String src, String dst, int dp) {
    return ip6(src, dst, 6, tcp(40000, dp, 1, 0, PacketBuilder.SYN, new byte[0]));
  }

  /** The IPv6 scanned host answers port {@code dp} with {@code flags}. */
  ScanWire tcp6(String src, String dst, int dp, int flags) {
    return ip6(dst, src, 6, tcp(dp, 40000, 1, 1, flags, new byte[0]));
  }

  /**
   * An ICMPv6 error of {@code type} and {@code code} from {@code from} to the sender of {@code
   * quoted} (an IPv6 packet), quoting its header and 8 bytes.
   */
  ScanWire icmp6Error(String from, byte[] quoted, int type, int code) {
    byte[] quote = Arrays.copyOf(quoted, Math.min(quoted.length, 48));
    String to = IpAddresses.formatEve(6, Bytes.u64(quoted, 8), Bytes.u64(quoted, 16));
    return ip6(from, to, 58, icmp(type, code, 0, 0, quote));
  }

  /** An ICMP echo request. */
  ScanWire ping(String src, String dst, int id) {
    return ip(src, dst, 1, icmp(8, 0, id, 1, new byte[8]));
  }

  /** The sids of the scans found, in order. */
  List<Integer> sids() {
    synchronized (alerts) {
      return alerts.stream().map(ScanAlert::sid).toList();
    }
  }
}
