package org.vigil.portscan;

/**
 * Decides whether a tracker's counts make a scan, and which: the scanned host's tracker makes
 * portscans, decoy portscans and distributed portscans; the scanning host's tracker makes
 * portsweeps. Each needs its thresholds' negative responses (or, filtered, unanswered attempts when
 * the sense level counts them) and its thresholds' changes of host and port (sfPortscan's counts).
 * The shape of a scan on one host comes from which sources tried which ports and how often each
 * tried ({@link PortSources}: what any order of the same attempts leaves alike, so worker threads
 * reaching the shared tracker in any order classify a scan alike):
 *
 * <ul>
 *   <li>decoy portscan: two or more sources tried most of the sampled ports (they take turns on
 *       each port, as a scanner hiding among spoofed decoys does), with at least the threshold's
 *       changes of source and of port;
 *   <li>portscan: otherwise, one source made three quarters or more of the attempts, with at least
 *       the threshold's changes of port;
 *   <li>distributed portscan: otherwise (several sources each on their own ports), at least two
 *       changes of source and the threshold's changes of port;
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

  /** Per protocol, the fewest changes of port any scan of one host needs (a cheap first test). */
  private final int[] fewestPorts = new int[ScanProtocol.values().length];

  ScanClassifier(PortscanConfig config) {
    this.config = config;
    for (ScanProtocol p : ScanProtocol.values()) {
      for (ScanType t : ScanType.values()) {
        table[p.ordinal()][t.ordinal()] = config.sense().thresholds(p, t);
      }
      fewestPorts[p.ordinal()] =
          Math.min(
              table[p.ordinal()][ScanType.PORTSCAN.ordinal()].ports(),
              Math.min(
                  table[p.ordinal()][ScanType.DECOY_PORTSCAN.ordinal()].ports(),
                  table[p.ordinal()][ScanType.DISTRIBUTED_PORTSCAN.ordinal()].ports()));
    }
  }

  private Thresholds thresholds(ScanProtocol protocol, ScanType type) {
    return table[protocol.ordinal()][type.ordinal()];
  }

  /** The scan the counts {@code c} of a scanned host's tracker make, or null. */
  ScanSignature scanned(ScanProtocol protocol, ScanCounters c) {
    if (c.alerted
        || protocol == ScanProtocol.ICMP
        || c.portChanges < fewestPorts[protocol.ordinal()]) {
      return null;
    }
    if (c.sourcesShareThePorts()) {
      Thresholds t = thresholds(protocol, ScanType.DECOY_PORTSCAN);
      return one(
          protocol,
          ScanType.DECOY_PORTSCAN,
          c,
          c.ipChanges >= t.ips() && c.portChanges >= t.ports());
    }
    if (c.oneSource()) {
      return one(
          protocol, ScanType.PORTSCAN, c, c.portChanges >= ports(protocol, ScanType.PORTSCAN));
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
