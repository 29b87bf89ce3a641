package org.vigil.portscan;

import java.util.function.Consumer;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.portscan.ScanTracker.Role;

/**
 * Portscan detection for one thread: reads each packet's meaning ({@link ProbeReader}), drops it
 * when the lists say so, counts it in the scanned host's and the scanning host's trackers of the
 * shared {@link ScanTracker}, and reports the scans the {@link ScanClassifier} finds.
 */
public final class PortscanDetector {
  private final PortscanConfig config;
  private final ScanTracker tracker;
  private final ScanClassifier classifier;
  private final ProbeReader reader = new ProbeReader();
  private final Probe probe = new Probe();
  private final boolean scanned;
  private final boolean sweeps;
  private long probes;
  private long alerts;
  private int capture;

  /**
   * A detector under {@code config} counting in {@code tracker} (shared with the other threads).
   */
  public PortscanDetector(PortscanConfig config, ScanTracker tracker) {
    this.config = config;
    this.tracker = tracker;
    this.classifier = new ScanClassifier(config);
    this.scanned = config.tracksScanned();
    this.sweeps = config.scanTypes().contains(ScanType.PORTSWEEP);
  }

  /** Counts {@code p}; each scan it completes goes to {@code alerts}. */
  public void process(Packet p, Consumer<ScanAlert> out) {
    if (!reader.read(p, probe) || !config.protocols().contains(probe.protocol) || ignored()) {
      return;
    }
    probes++;
    long window = config.sense().windowNanos();
    if (scanned && probe.protocol != ScanProtocol.ICMP) {
      ScanAlert a =
          tracker.update(
              probe.protocol,
              Role.SCANNED,
              probe.version,
              probe.scannedHi,
              probe.scannedLo,
              capture,
              c -> {
                count(c, window, probe.scannerHi, probe.scannerLo);
                ScanSignature s = classifier.scanned(probe.protocol, c);
                if (s == null) {
                  return null;
                }
                boolean one = s.type() == ScanType.PORTSCAN;
                return alert(
                    s,
                    one ? c.candidateHi : c.lastHi,
                    one ? c.candidateLo : c.lastLo,
                    probe.scannedHi,
                    probe.scannedLo,
                    c);
              });
      emit(a, out);
    }
    if (sweeps) {
      ScanAlert a =
          tracker.update(
              probe.protocol,
              Role.SCANNER,
              probe.version,
              probe.scannerHi,
              probe.scannerLo,
              capture,
              c -> {
                count(c, window, probe.scannedHi, probe.scannedLo);
                ScanSignature s = classifier.scanner(probe.protocol, c);
                return s == null
                    ? null
                    : alert(s, probe.scannerHi, probe.scannerLo, c.lastHi, c.lastLo, c);
              });
      emit(a, out);
    }
  }

  private void emit(ScanAlert a, Consumer<ScanAlert> out) {
    if (a != null) {
      alerts++;
      out.accept(a);
    }
  }

  private boolean ignored() {
    Probe q = probe;
    if (config.ignoreScanners().contains(q.version, q.scannerHi, q.scannerLo, q.scannerPort)
        || config.ignoreScanned().contains(q.version, q.scannedHi, q.scannedLo, q.scannedPort)) {
      return true;
    }
    return !config.watch().isEmpty()
        && !config.watch().contains(q.version, q.scannerHi, q.scannerLo, q.scannerPort)
        && !config.watch().contains(q.version, q.scannedHi, q.scannedLo, q.scannedPort);
  }

  /** Counts the probe in one tracker, whose other host is {@code (hi, lo)}. */
  private void count(ScanCounters c, long window, long hi, long lo) {
    c.window(probe.timeNanos, window);
    switch (probe.kind) {
      case ATTEMPT -> c.attempt(hi, lo, probe.scannedPort);
      case VALID_RESPONSE -> c.answered();
      case NEGATIVE_RESPONSE -> c.refused();
    }
  }

  private ScanAlert alert(
      ScanSignature s,
      long scannerHi,
      long scannerLo,
      long targetHi,
      long targetLo,
      ScanCounters c) {
    int v = probe.version;
    String ips = c.seenOther ? host(v, c.lowHi, c.lowLo) + ":" + host(v, c.highHi, c.highLo) : null;
    String ports = c.lowPort <= c.highPort ? c.lowPort + ":" + c.highPort : null;
    return new ScanAlert(
        s,
        v,
        scannerHi,
        scannerLo,
        targetHi,
        targetLo,
        probe.timeNanos,
        new PortscanRecord(c.priority, c.connections, c.ipChanges, c.portChanges, ips, ports));
  }

  private static String host(int version, long hi, long lo) {
    String s = IpAddresses.formatEve(version, hi, lo);
    return version == 6 ? "[" + s + "]" : s;
  }

  /** This thread reached the end of a capture: its next packets belong to the next one. */
  public void endOfCapture() {
    tracker.captureEnded(capture++);
  }

  /** Packets that counted in a tracker. */
  public long probes() {
    return probes;
  }

  /** Scans reported by this thread. */
  public long alerts() {
    return alerts;
  }
}
