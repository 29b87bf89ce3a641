package org.vigil.portscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.IpAddresses;

/**
 * The classifier on hand-built packet sequences: each scan shape of each protocol raises its gid
 * 122 sid once per window at the sense levels whose thresholds it passes, and nothing else does.
 */
class PortscanDetectorTest {
  static final String SCANNER = "10.0.0.1";
  static final String TARGET = "10.0.9.9";

  private static ScanWire wire(SenseLevel sense) {
    return new ScanWire(PortscanConfig.all(sense));
  }

  private static String ip(long lo) {
    return IpAddresses.formatEve(4, 0, lo);
  }

  @Test
  void refusedSynsOnManyPortsAreATcpPortscanFromTheScannerToTheTarget() {
    ScanWire w = wire(SenseLevel.LOW);
    for (int port = 1; port <= 20; port++) {
      w.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port);
    }
    assertEquals(List.of(1), w.sids(), "one TCP Portscan per window");
    ScanAlert a = w.alerts.get(0);
    assertEquals(SCANNER, ip(a.scannerLo()));
    assertEquals(TARGET, ip(a.targetLo()));
    assertEquals("(portscan) TCP Portscan", a.signature().message());
    assertEquals(5, a.details().priorityCount());
    assertEquals(5, a.details().portCount());
    assertEquals("1:5", a.details().portRange());
    assertEquals(SCANNER + ":" + SCANNER, a.details().ipRange());
  }

  @Test
  void unansweredSynsAreAFilteredPortscanFromMediumUpAndNothingAtLow() {
    ScanWire low = wire(SenseLevel.LOW);
    ScanWire medium = wire(SenseLevel.MEDIUM);
    for (int port = 1; port <= 250; port++) {
      low.syn(SCANNER, TARGET, port);
      medium.syn(SCANNER, TARGET, port);
    }
    assertEquals(List.of(), low.sids(), "low alerts on negative responses only");
    assertEquals(List.of(5), medium.sids(), "TCP Filtered Portscan after 200 attempts");
  }

  @Test
  void answeredConnectionsAreNoScan() {
    ScanWire w = wire(SenseLevel.HIGH);
    for (int port = 1; port <= 300; port++) {
      w.syn(SCANNER, TARGET, port).synAck(SCANNER, TARGET, port);
    }
    assertEquals(List.of(), w.sids(), "each attempt answered: no filtered scan");
  }

  @Test
  void decoysTakingTurnsOnEachPortAreADecoyPortscan() {
    ScanWire w = wire(SenseLevel.LOW);
    for (int port = 1; port <= 40; port++) {
      for (int d = 1; d <= 10; d++) {
        w.syn("10.0.5." + d, TARGET, port).rst("10.0.5." + d, TARGET, port);
      }
    }
    assertEquals(List.of(2), w.sids(), "TCP Decoy Portscan, not a portscan or a distributed one");
    assertEquals("10.0.5.1:10.0.5.10", w.alerts.get(0).details().ipRange());
  }

  @Test
  void sourcesEachTakingTheirOwnPortsAreADistributedPortscan() {
    ScanWire w = wire(SenseLevel.LOW);
    for (int i = 0; i < 20; i++) {
      for (int s = 1; s <= 4; s++) {
        int port = s * 100 + i;
        w.syn("10.0.6." + s, TARGET, port).rst("10.0.6." + s, TARGET, port);
      }
    }
    assertEquals(List.of(4), w.sids(), "TCP Distributed Portscan");
  }

  @Test
  void onePortOnManyHostsIsAPortsweep() {
    ScanWire w = wire(SenseLevel.LOW);
    for (int h = 1; h <= 10; h++) {
      w.syn(SCANNER, "10.0.7." + h, 445).rst(SCANNER, "10.0.7." + h, 445);
    }
    assertEquals(List.of(3), w.sids(), "TCP Portsweep");
    assertEquals(SCANNER, ip(w.alerts.get(0).scannerLo()));
    assertEquals("10.0.7.1:10.0.7.5", w.alerts.get(0).details().ipRange());
  }

  @Test
  void udpPortsAnsweredByPortUnreachablesAreAUdpPortscan() {
    ScanWire w = wire(SenseLevel.LOW);
    for (int port = 1; port <= 10; port++) {
      w.udpTo(SCANNER, TARGET, port)
          .unreachable(TARGET, ipv4(SCANNER, TARGET, 17, udp(40000, port, new byte[0])), 3);
    }
    assertEquals(List.of(17), w.sids(), "UDP Portscan");
  }

  @Test
  void protocolsAnsweredByProtocolUnreachablesAreAnIpProtocolScan() {
    ScanWire w = wire(SenseLevel.LOW);
    for (int proto = 2; proto <= 80; proto++) {
      if (List.of(4, 6, 17, 41, 47, 50, 51, 58).contains(proto)) {
        continue; // transports and tunnels: not bare protocol probes
      }
      byte[] l4 = new byte[8];
      w.ip(SCANNER, TARGET, proto, l4).unreachable(TARGET, ipv4(SCANNER, TARGET, proto, l4), 2);
    }
    assertEquals(List.of(9), w.sids(), "IP Protocol Scan");
    assertEquals("(portscan) IP Protocol Scan", w.alerts.get(0).signature().message());
  }

  @Test
  void pingsToUnreachableHostsAreAnIcmpSweepAndUnansweredOnesAFilteredSweep() {
    ScanWire low = wire(SenseLevel.LOW);
    ScanWire high = wire(SenseLevel.HIGH);
    for (int h = 1; h <= 12; h++) {
      String host = "10.0.8." + h;
      low.ping(SCANNER, host, h)
          .unreachable(
              "10.0.8.254",
              ipv4(SCANNER, host, 1, org.vigil.testing.PacketBuilder.icmp(8, 0, h, 1, new byte[8])),
              1);
      high.ping(SCANNER, host, h);
    }
    assertEquals(List.of(25), low.sids(), "ICMP Sweep");
    assertEquals(List.of(26), high.sids(), "ICMP Filtered Sweep");
  }

  @Test
  void routingProtocolsToManyMulticastGroupsAreNoSweep() {
    ScanWire w = wire(SenseLevel.HIGH);
    for (int g = 1; g <= 40; g++) {
      w.ip(SCANNER, "224.0.0." + g, 2, new byte[8]);
      w.ip(SCANNER, "239.1.1." + g, 103, new byte[8]);
      w.udpTo(SCANNER, "255.255.255.255", 1000 + g);
    }
    assertEquals(List.of(), w.sids(), "IGMP, PIM and broadcasts reach groups by design");
  }

  @Test
  void aSlowScanIsCaughtByTheLongWindowOfHighOnly() {
    ScanWire low = wire(SenseLevel.LOW);
    ScanWire high = wire(SenseLevel.HIGH);
    for (int port = 1; port <= 12; port++) {
      low.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port).after(25);
      high.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port).after(25);
    }
    assertEquals(List.of(), low.sids(), "a 60 s window sees at most 3 ports");
    assertEquals(List.of(1), high.sids(), "a 600 s window sees them all");
  }

  @Test
  void aNewWindowMayAlertAgain() {
    ScanWire w = wire(SenseLevel.LOW);
    for (int port = 1; port <= 10; port++) {
      w.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port);
    }
    w.after(61);
    for (int port = 11; port <= 20; port++) {
      w.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port);
    }
    assertEquals(List.of(1, 1), w.sids());
  }

  @Test
  void theListsKeepHostsOut() {
    PortscanConfig all = PortscanConfig.all(SenseLevel.LOW);
    HostList scanner = HostList.of(List.of("10.0.0.0/24"));
    HostList target = HostList.of(List.of("10.0.9.9 1-100"));
    HostList elsewhere = HostList.of(List.of("192.0.2.0/24"));
    List<PortscanConfig> configs =
        List.of(
            new PortscanConfig(
                true,
                all.protocols(),
                all.scanTypes(),
                SenseLevel.LOW,
                HostList.empty(),
                scanner,
                HostList.empty(),
                all.memcapBytes()),
            new PortscanConfig(
                true,
                all.protocols(),
                all.scanTypes(),
                SenseLevel.LOW,
                HostList.empty(),
                HostList.empty(),
                target,
                all.memcapBytes()),
            new PortscanConfig(
                true,
                all.protocols(),
                all.scanTypes(),
                SenseLevel.LOW,
                elsewhere,
                HostList.empty(),
                HostList.empty(),
                all.memcapBytes()));
    for (PortscanConfig c : configs) {
      ScanWire w = new ScanWire(c);
      for (int port = 1; port <= 20; port++) {
        w.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port);
      }
      assertEquals(List.of(), w.sids(), c.toString());
    }
    ScanWire watched =
        new ScanWire(
            new PortscanConfig(
                true,
                all.protocols(),
                all.scanTypes(),
                SenseLevel.LOW,
                HostList.of(List.of(TARGET)),
                HostList.empty(),
                HostList.empty(),
                all.memcapBytes()));
    for (int port = 1; port <= 20; port++) {
      watched.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port);
    }
    assertEquals(List.of(1), watched.sids(), "the watched target");
  }

  @Test
  void protocolsAndScanTypesLeftOutAreNotReported() {
    PortscanConfig udpOnly =
        new PortscanConfig(
            true,
            EnumSet.of(ScanProtocol.UDP),
            EnumSet.allOf(ScanType.class),
            SenseLevel.LOW,
            HostList.empty(),
            HostList.empty(),
            HostList.empty(),
            1_000_000);
    PortscanConfig sweepsOnly =
        new PortscanConfig(
            true,
            EnumSet.allOf(ScanProtocol.class),
            EnumSet.of(ScanType.PORTSWEEP),
            SenseLevel.LOW,
            HostList.empty(),
            HostList.empty(),
            HostList.empty(),
            1_000_000);
    for (PortscanConfig c : List.of(udpOnly, sweepsOnly)) {
      ScanWire w = new ScanWire(c);
      for (int port = 1; port <= 20; port++) {
        w.syn(SCANNER, TARGET, port).rst(SCANNER, TARGET, port);
      }
      assertEquals(List.of(), w.sids());
    }
  }

  @Test
  void theTrackersStayWithinTheMemcapUnderASynFloodFromRandomSources() {
    PortscanConfig all = PortscanConfig.all(SenseLevel.LOW);
    ScanTracker tracker = new ScanTracker(ScanTracker.ENTRY_BYTES * 1600L);
    ScanWire w = new ScanWire(all, tracker, new ArrayList<>());
    for (int i = 0; i < 5000; i++) {
      w.syn("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), TARGET, 80);
    }
    assertTrue(tracker.size() <= tracker.capacity(), tracker.size() + " > " + tracker.capacity());
    assertEquals(1600, tracker.capacity());
    assertTrue(tracker.evictions() >= 5001 - 1600, "evictions counted: " + tracker.evictions());
    assertTrue(tracker.peak() <= 1600, "peak " + tracker.peak());
    assertEquals(tracker.size() + tracker.evictions(), tracker.created(), "every tracker counted");
  }

  @Test
  void hostListsParseBlocksAndPortsAndRejectNonsense() {
    HostList l = HostList.of(List.of("192.0.2.0/24 80-90", "2001:db8::/32", "198.51.100.7"));
    long[] a = IpAddresses.parse("192.0.2.77");
    assertTrue(l.contains(4, a[0], a[1], 85));
    assertEquals(false, l.contains(4, a[0], a[1], 91));
    assertEquals(false, l.contains(4, a[0], a[1], -1));
    long[] v6 = IpAddresses.parse("2001:db8:1::5");
    assertTrue(l.contains(6, v6[0], v6[1], -1));
    long[] b = IpAddresses.parse("198.51.100.7");
    assertTrue(l.contains(4, b[0], b[1], 22));
    assertThrows(IllegalArgumentException.class, () -> HostList.of(List.of("not.an.ip")));
    assertThrows(IllegalArgumentException.class, () -> HostList.of(List.of("10.0.0.0/33")));
    assertThrows(IllegalArgumentException.class, () -> HostList.of(List.of("10.0.0.1 90-80")));
  }

  @Test
  void everySignatureHasSnortsSidAndMessage() {
    assertEquals(1, new ScanSignature(ScanProtocol.TCP, ScanType.PORTSCAN, false).sid());
    assertEquals(8, new ScanSignature(ScanProtocol.TCP, ScanType.DISTRIBUTED_PORTSCAN, true).sid());
    assertEquals(
        "(portscan) IP Filtered Decoy Protocol Scan",
        new ScanSignature(ScanProtocol.IP, ScanType.DECOY_PORTSCAN, true).message());
    assertEquals(14, new ScanSignature(ScanProtocol.IP, ScanType.DECOY_PORTSCAN, true).sid());
    assertEquals(19, new ScanSignature(ScanProtocol.UDP, ScanType.PORTSWEEP, false).sid());
    assertEquals(
        24, new ScanSignature(ScanProtocol.UDP, ScanType.DISTRIBUTED_PORTSCAN, true).sid());
    assertEquals(26, new ScanSignature(ScanProtocol.ICMP, ScanType.PORTSWEEP, true).sid());
    assertEquals(
        "(portscan) ICMP Filtered Sweep",
        new ScanSignature(ScanProtocol.ICMP, ScanType.PORTSWEEP, true).message());
  }
}
