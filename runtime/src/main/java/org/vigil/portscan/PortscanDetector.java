package org.vigil.portscan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.portscan.ScanTracker.Role;

/**
 * Portscan detection for one thread: reads each packet's meaning ({@link ProbeReader}), drops it
 * when the lists say so, counts it in the scanned host's and the scanning host's trackers of the
 * shared {@link ScanTracker}, and reports the scans the {@link ScanClassifier} finds and the open
 * ports (sid 27) of the hosts they scan.
 */
public final class PortscanDetector {
  private final PortscanConfig config;
  private final ScanTracker tracker;
  private final ScanClassifier classifier;
  private final ProbeReader reader = new ProbeReader();
  private final Probe probe = new Probe();
  private final List<ScanAlert> pending = new ArrayList<>();
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

  /**
   * Counts {@code p}; each scan it completes, and each open port of a scanned host it shows, goes
   * to {@code out} (after the tracker's lock is released).
   */
  public void process(Packet p, Consumer<ScanAlert> out) {
    if (!reader.read(p, probe) || !config.protocols().contains(probe.protocol) || ignored()) {
      return;
    }
    probes++;
    long window = config.sense().windowNanos();
    if (scanned && probe.protocol != ScanProtocol.ICMP) {
      tracker.update(
          probe.protocol,
          Role.SCANNED,
          probe.version,
          probe.scannedHi,
          probe.scannedLo,
          capture,
          c -> scannedHost(c, window));
      emit(out);
    }
    if (sweeps) {
      tracker.update(
          probe.protocol,
          Role.SCANNER,
          probe.version,
          probe.scannerHi,
          probe.scannerLo,
          capture,
          c -> scanningHost(c, window));
      emit(out);
    }
  }

  /**
   * The probe in the scanned host's tracker {@code c} (an attempt also in its sources per port): a
   * SYN/ACK keeps its port as open, reported at once when the tracker alerted in this window; a
   * scan found is reported with the open ports kept so far.
   */
  private Void scannedHost(ScanCounters c, long window) {
    count(c, window, probe.scannerHi, probe.scannerLo);
    if (probe.kind == Probe.Kind.ATTEMPT) {
      c.sample(probe.scannerHi, probe.scannerLo, probe.scannedPort);
    }
    if (opens() && c.open(probe.scannedPort) && c.raised != null) {
      pending.add(
          alert(
              c.raised,
              probe.scannerHi,
              probe.scannerLo,
              probe.scannedHi,
              probe.scannedLo,
              c,
              probe.scannedPort));
    }
    ScanSignature s = classifier.scanned(probe.protocol, c);
    if (s == null) {
      return null;
    }
    c.raised = s;
    boolean one = s.type() == ScanType.PORTSCAN;
    long hi = one ? c.candidateHi : c.lastHi;
    long lo = one ? c.candidateLo : c.lastLo;
    pending.add(alert(s, hi, lo, probe.scannedHi, probe.scannedLo, c, -1));
    for (int i = 0; i < c.openCount; i++) {
      pending.add(alert(s, hi, lo, probe.scannedHi, probe.scannedLo, c, c.openPort(i)));
    }
    return null;
  }

  /**
   * The probe in the scanning host's tracker {@code c}: after a TCP portsweep alert each SYN/ACK of
   * a swept host is an open port; a sweep found is reported.
   */
  private Void scanningHost(ScanCounters c, long window) {
    count(c, window, probe.scannedHi, probe.scannedLo);
    if (opens() && c.raised != null) {
      pending.add(
          alert(
              c.raised,
              probe.scannerHi,
              probe.scannerLo,
              probe.scannedHi,
              probe.scannedLo,
              c,
              probe.scannedPort));
    }
    ScanSignature s = classifier.scanner(probe.protocol, c);
    if (s != null) {
      c.raised = s;
      pending.add(alert(s, probe.scannerHi, probe.scannerLo, c.lastHi, c.lastLo, c, -1));
    }
    return null;
  }

  /** Whether the probe shows an open port: a TCP server answered an attempt (SYN/ACK). */
  private boolean opens() {
    return probe.kind == Probe.Kind.VALID_RESPONSE
        && probe.protocol == ScanProtocol.TCP
        && probe.scannedPort >= 0;
  }

  private void emit(Consumer<ScanAlert> out) {
    for (ScanAlert a : pending) {
      alerts++;
      out.accept(a);
    }
    pending.clear();
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
      ScanCounters c,
      int openPort) {
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
        new PortscanRecord(
            c.priority, c.connections, c.ipChanges, c.portChanges, ips, ports, openPort),
        openPort);
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
