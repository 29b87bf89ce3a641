package org.vigil.portscan;

/**
 * What one packet means to scan tracking, filled by {@link ProbeReader} into one reused instance
 * per thread: a connection attempt from the scanner, a valid response to one, or a negative
 * response (a refusal: TCP RST, ICMP unreachable), with the scanner, the scanned host and their
 * ports.
 */
public final class Probe {
  /** What the packet is. */
  public enum Kind {
    /** A connection attempt (SYN, first datagram, ICMP request, first packet of a protocol). */
    ATTEMPT,
    /** The scanned host answered an attempt (SYN/ACK, a datagram back): not a probe after all. */
    VALID_RESPONSE,
    /** The scanned host (or a router) refused an attempt. */
    NEGATIVE_RESPONSE
  }

  Kind kind;
  ScanProtocol protocol;
  int version;
  long scannerHi;
  long scannerLo;
  int scannerPort;
  long scannedHi;
  long scannedLo;
  int scannedPort;
  long timeNanos;

  /** The kind of the packet last read. */
  public Kind kind() {
    return kind;
  }

  /** The protocol it counts in. */
  public ScanProtocol protocol() {
    return protocol;
  }

  /** The port (or IP protocol number) probed, -1 when none. */
  public int scannedPort() {
    return scannedPort;
  }

  void set(
      Kind kind,
      ScanProtocol protocol,
      int version,
      long scannerHi,
      long scannerLo,
      int scannerPort,
      long scannedHi,
      long scannedLo,
      int scannedPort) {
    this.kind = kind;
    this.protocol = protocol;
    this.version = version;
    this.scannerHi = scannerHi;
    this.scannerLo = scannerLo;
    this.scannerPort = scannerPort;
    this.scannedHi = scannedHi;
    this.scannedLo = scannedLo;
    this.scannedPort = scannedPort;
  }
}
