package org.vigil.portscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.testing.PacketBuilder.icmp;
import static org.vigil.testing.PacketBuilder.ipv6;
import static org.vigil.testing.PacketBuilder.udp;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.IpAddresses;
import org.vigil.testing.PacketBuilder;

/**
 * sfPortscan's open port events (gid 122 sid 27): the ports a scanned host answered with a SYN/ACK
 * are reported with its scan's alert and, new ones, after it; a swept host's SYN/ACK after a TCP
 * portsweep alert too; nothing without a scan. And IPv6 scans: RSTs and ICMPv6 errors (destination
 * unreachable, unrecognized next header) count as negative responses as ICMPv4's do.
 */
class OpenPortAndIpv6ScanTest {
  static final String SCANNER = PortscanDetectorTest.SCANNER;
  static final String TARGET = PortscanDetectorTest.TARGET;
  static final String SCANNER6 = "2001:db8:1::1";
  static final String TARGET6 = "2001:db8:9::9";

  private static ScanWire wire() {
    return new ScanWire(PortscanConfig.all(SenseLevel.LOW));
  }

  private static String eve6(String address) {
    long[] a = IpAddresses.parse(address);
    return IpAddresses.formatEve(6, a[0], a[1]);
  }

  private static List<Integer> openPorts(ScanWire w) {
    return w.alerts.stream().filter(ScanAlert::isOpenPort).map(ScanAlert::openPort).toList();
  }

  @Test
  void openPortsSeenBeforeAScanAreReportedWithItsAlertAndNewOnesAfterIt() {
    ScanWire w = wire();
    for (int port = 1; port <= 20; port++) {
      w.syn(SCANNER, TARGET, port);
      if (port == 3 || port == 15) {
        w.synAck(SCANNER, TARGET, port);
      } else {
        w.rst(SCANNER, TARGET, port);
      }
    }
    // port 15 again on a new connection: the same open port is not reported twice
    w.tcpFlags(SCANNER, 40001, TARGET, 15, PacketBuilder.SYN)
        .tcpFlags(TARGET, 15, SCANNER, 40001, PacketBuilder.SYN | PacketBuilder.ACK);
    assertEquals(List.of(1, 27, 27), w.sids(), "the portscan, then one open port event a port");
    assertEquals(List.of(3, 15), openPorts(w));
    ScanAlert open = w.alerts.get(2);
    assertEquals("(portscan) Open Port", open.message());
    assertEquals(SCANNER, IpAddresses.formatEve(4, 0, open.scannerLo()));
    assertEquals(TARGET, IpAddresses.formatEve(4, 0, open.targetLo()));
    assertEquals(1, open.signature().sid(), "tagged to the TCP Portscan it belongs to");
    assertEquals(15, open.details().openPort());
    assertEquals(-1, w.alerts.get(0).details().openPort(), "the scan alert has no open port");
  }

  @Test
  void aServerAnsweringWithoutAScanReportsNoOpenPort() {
    ScanWire w = wire();
    for (int port = 1; port <= 30; port++) {
      w.syn(SCANNER, TARGET, port).synAck(SCANNER, TARGET, port);
    }
    assertEquals(List.of(), w.sids());
  }

  @Test
  void aSweptHostAnsweringAfterTheSweepAlertIsAnOpenPort() {
    ScanWire w = wire();
    for (int h = 1; h <= 5; h++) {
      w.syn(SCANNER, "10.0.7." + h, 445).rst(SCANNER, "10.0.7." + h, 445);
    }
    w.syn(SCANNER, "10.0.7.6", 445).synAck(SCANNER, "10.0.7.6", 445);
    assertEquals(List.of(3, 27), w.sids(), "TCP Portsweep, then the open port of 10.0.7.6");
    assertEquals("10.0.7.6", IpAddresses.formatEve(4, 0, w.alerts.get(1).targetLo()));
    assertEquals(List.of(445), openPorts(w));
  }

  @Test
  void udpScansReportNoOpenPorts() {
    ScanWire w = wire();
    for (int port = 1; port <= 10; port++) {
      w.udpTo(SCANNER, TARGET, port)
          .unreachable(
              TARGET, PacketBuilder.ipv4(SCANNER, TARGET, 17, udp(40000, port, new byte[0])), 3);
    }
    w.udpTo(SCANNER, TARGET, 53).ip(TARGET, SCANNER, 17, udp(53, 40000, new byte[4]));
    assertEquals(List.of(17), w.sids(), "sfPortscan tracks open ports of TCP only");
  }

  @Test
  void refusedSynsOverIpv6AreATcpPortscanWithItsOpenPort() {
    ScanWire w = wire();
    for (int port = 1; port <= 12; port++) {
      w.syn6(SCANNER6, TARGET6, port)
          .tcp6(
              SCANNER6,
              TARGET6,
              port,
              port == 8 ? PacketBuilder.SYN | PacketBuilder.ACK : PacketBuilder.RST);
    }
    assertEquals(List.of(1, 27), w.sids());
    ScanAlert a = w.alerts.get(0);
    assertEquals(6, a.version());
    assertEquals(eve6(SCANNER6), IpAddresses.formatEve(6, a.scannerHi(), a.scannerLo()));
    assertEquals(eve6(TARGET6), IpAddresses.formatEve(6, a.targetHi(), a.targetLo()));
    assertEquals(List.of(8), openPorts(w));
  }

  @Test
  void icmpv6PortUnreachablesAreNegativeResponsesOfAUdpPortscan() {
    ScanWire w = wire();
    for (int port = 1; port <= 10; port++) {
      byte[] probe = ipv6(SCANNER6, TARGET6, 17, udp(40000, port, new byte[0]));
      w.ip6(SCANNER6, TARGET6, 17, udp(40000, port, new byte[0])).icmp6Error(TARGET6, probe, 1, 4);
    }
    assertEquals(List.of(17), w.sids(), "UDP Portscan over IPv6");
    assertEquals(5, w.alerts.get(0).details().priorityCount());
    assertEquals("1:5", w.alerts.get(0).details().portRange());
  }

  @Test
  void unrecognizedNextHeadersAreNegativeResponsesOfAnIpProtocolScan() {
    ScanWire w = wire();
    for (int proto = 141; proto <= 200; proto++) {
      byte[] l4 = new byte[8];
      w.ip6(SCANNER6, TARGET6, proto, l4)
          .icmp6Error(TARGET6, ipv6(SCANNER6, TARGET6, proto, l4), 4, 1);
    }
    assertEquals(List.of(9), w.sids(), "IP Protocol Scan over IPv6");
  }

  @Test
  void echoRequestsToUnreachableIpv6HostsAreAnIcmpSweep() {
    ScanWire w = wire();
    for (int h = 1; h <= 8; h++) {
      String host = "2001:db8:8::" + h;
      byte[] echo = icmp(128, 0, h, 1, new byte[8]);
      w.ip6(SCANNER6, host, 58, echo)
          .icmp6Error("2001:db8:8::fe", ipv6(SCANNER6, host, 58, echo), 1, 3);
    }
    assertEquals(List.of(25), w.sids(), "ICMP Sweep over IPv6: address unreachables");
  }

  @Test
  void otherIcmpv6ErrorsAreNoNegativeResponse() {
    ScanWire w = wire();
    for (int port = 1; port <= 10; port++) {
      byte[] probe = ipv6(SCANNER6, TARGET6, 17, udp(40000, port, new byte[0]));
      w.ip6(SCANNER6, TARGET6, 17, udp(40000, port, new byte[0]))
          .icmp6Error(TARGET6, probe, 3, 0); // time exceeded
    }
    assertEquals(List.of(), w.sids());
  }
}
