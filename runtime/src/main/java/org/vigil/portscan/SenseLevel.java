package org.vigil.portscan;

import java.util.Locale;

/**
 * sfPortscan's sense levels: the length of the counting window and the thresholds of each scan
 * type. Low alerts on negative responses only (never filtered); medium also on unanswered attempts
 * (filtered scans); high keeps a ten-minute window for slow scans, with lower thresholds.
 */
public enum SenseLevel {
  /** Negative responses only, 60 s windows. */
  LOW(60),
  /** Negative responses and unanswered attempts, 90 s windows. */
  MEDIUM(90),
  /** Both, with lower thresholds, 600 s windows. */
  HIGH(600);

  private final int windowSeconds;

  SenseLevel(int windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  /** The window's length in nanoseconds. */
  public long windowNanos() {
    return windowSeconds * 1_000_000_000L;
  }

  /** The level named {@code name} (low, medium, high). */
  public static SenseLevel of(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }

  /** The thresholds of scan type {@code type} in protocol {@code protocol} at this level. */
  public Thresholds thresholds(ScanProtocol protocol, ScanType type) {
    return switch (protocol) {
      case TCP -> tcp(type);
      case UDP -> udp(type);
      case IP -> ip(type);
      case ICMP ->
          switch (this) {
            case LOW -> new Thresholds(0, 5, 5, 5);
            case MEDIUM -> new Thresholds(20, 5, 5, 5);
            case HIGH -> new Thresholds(10, 3, 3, 5);
          };
    };
  }

  private Thresholds tcp(ScanType type) {
    return switch (this) {
      case LOW -> pick(type, t(0, 5, 25, 5), t(0, 15, 50, 30), t(0, 5, 5, 15), t(0, 15, 50, 15));
      case MEDIUM ->
          pick(type, t(200, 10, 60, 15), t(200, 30, 120, 60), t(30, 7, 7, 10), t(200, 30, 120, 30));
      case HIGH ->
          pick(type, t(200, 5, 100, 10), t(200, 7, 200, 60), t(30, 3, 3, 10), t(200, 5, 200, 10));
    };
  }

  private Thresholds udp(ScanType type) {
    return switch (this) {
      case LOW -> pick(type, t(0, 5, 25, 5), t(0, 15, 50, 30), t(0, 5, 5, 15), t(0, 15, 50, 15));
      case MEDIUM ->
          pick(type, t(200, 10, 60, 15), t(200, 30, 120, 60), t(30, 5, 5, 20), t(200, 30, 120, 30));
      case HIGH ->
          pick(type, t(200, 3, 100, 10), t(200, 7, 200, 60), t(30, 3, 3, 10), t(200, 3, 200, 10));
    };
  }

  private Thresholds ip(ScanType type) {
    return switch (this) {
      case LOW ->
          pick(type, t(0, 10, 10, 50), t(0, 40, 50, 25), t(0, 10, 10, 10), t(0, 15, 25, 50));
      case MEDIUM ->
          pick(type, t(200, 10, 10, 50), t(200, 40, 50, 25), t(30, 10, 10, 10), t(200, 15, 25, 50));
      case HIGH ->
          pick(type, t(200, 3, 3, 10), t(200, 7, 15, 5), t(30, 3, 3, 7), t(200, 3, 11, 10));
    };
  }

  private static Thresholds t(int connections, int priority, int ips, int ports) {
    return new Thresholds(connections, priority, ips, ports);
  }

  private static Thresholds pick(
      ScanType type, Thresholds scan, Thresholds decoy, Thresholds sweep, Thresholds distributed) {
    return switch (type) {
      case PORTSCAN -> scan;
      case DECOY_PORTSCAN -> decoy;
      case PORTSWEEP -> sweep;
      case DISTRIBUTED_PORTSCAN -> distributed;
    };
  }
}
