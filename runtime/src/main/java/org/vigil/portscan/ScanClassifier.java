package org.vigil.portscan;

/**
 * Decides whether a tracker's counts make a scan, and which: the scanned host's tracker makes
 * portscans, decoy portscans and distributed portscans; the scanning host's tracker makes
 * portsweeps. Each needs its thresholds' negative responses (or, filtered, unanswered attempts when
 * the sense level counts them) and:
 *
 * <ul>
 *   <li>portscan: one source made most attempts on the scanned host, on at least the threshold's
 *       changes of port;
 *   <li>decoy portscan: several sources take turns on each port (at least twice as many changes of
 *       source as of port, and at least the threshold's of each), as a scanner hiding among spoofed
 *       decoys does;
 *   <li>distributed portscan: several sources each take their own ports (fewer changes of source
 *       than twice those of port, at least the threshold's changes of port);
 *   <li>portsweep: one host tries at least the threshold's changes of host, on at most its changes
 *       of port.
 * </ul>
 *
 * One alert per tracker and window.
 */
final class ScanClassifier {
  private static final int NONE = 0;
  private static final int REFUSED = 1;
  private static final int FILTERED = 2;

  private final PortscanConfig config;
  private final Thresholds[][] table =
      new Thresholds[ScanProtocol.values().length][ScanType.values().length];

  ScanClassifier(PortscanConfig config) {
    this.config = config;
    for (ScanProtocol p : ScanProtocol.values()) {
      for (ScanType t : ScanType.values()) {
        table[p.ordinal()][t.ordinal()] = config.sense().thresholds(p, t);
      }
    }
  }

  private Thresholds thresholds(ScanProtocol protocol, ScanType type) {
    return table[protocol.ordinal()][type.ordinal()];
  }

  /** The scan the counts {@code c} of a scanned host's tracker make, or null. */
  ScanSignature scanned(ScanProtocol protocol, ScanCounters c) {
    if (c.alerted || protocol == ScanProtocol.ICMP) {
      return null;
    }
    if (c.oneSource()) {
      return one(
          protocol, ScanType.PORTSCAN, c, c.portChanges >= ports(protocol, ScanType.PORTSCAN));
    }
    if (c.ipChanges >= 2 * c.portChanges) {
      Thresholds t = thresholds(protocol, ScanType.DECOY_PORTSCAN);
      return one(
          protocol,
          ScanType.DECOY_PORTSCAN,
          c,
          c.ipChanges >= t.ips() && c.portChanges >= t.ports());
    }
    return one(
        protocol,
        ScanType.DISTRIBUTED_PORTSCAN,
        c,
        c.ipChanges >= 2 && c.portChanges >= ports(protocol, ScanType.DISTRIBUTED_PORTSCAN));
  }

  /** The sweep the counts {@code c} of a scanning host's tracker make, or null. */
  ScanSignature scanner(ScanProtocol protocol, ScanCounters c) {
    if (c.alerted) {
      return null;
    }
    Thresholds t = thresholds(protocol, ScanType.PORTSWEEP);
    return one(
        protocol, ScanType.PORTSWEEP, c, c.ipChanges >= t.ips() && c.portChanges <= t.ports());
  }

  private int ports(ScanProtocol protocol, ScanType type) {
    return thresholds(protocol, type).ports();
  }

  private ScanSignature one(ScanProtocol protocol, ScanType type, ScanCounters c, boolean shape) {
    if (!shape || !config.scanTypes().contains(type)) {
      return null;
    }
    int volume = volume(thresholds(protocol, type), c);
    if (volume == NONE) {
      return null;
    }
    c.alerted = true;
    return new ScanSignature(protocol, type, volume == FILTERED);
  }

  private static int volume(Thresholds t, ScanCounters c) {
    if (c.priority >= t.priority()) {
      return REFUSED;
    }
    if (t.connections() > 0 && c.connections >= t.connections()) {
      return FILTERED;
    }
    return NONE;
  }
}
