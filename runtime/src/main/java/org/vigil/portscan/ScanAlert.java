package org.vigil.portscan;

/**
 * A scan found, or an open port of a scanned host: its signature, the scanner and the scanned host
 * (for decoy and distributed scans the source of the last attempt; for sweeps the last host tried),
 * when, and the details. An open port event (sid 27, {@code openPort} at least 0) is tagged to the
 * scan alerted on before in the window, {@code signature}, as sfPortscan tags it.
 *
 * @param signature gid 122 sid and message of the scan (of the scan an open port belongs to)
 * @param version IP version of both addresses
 * @param scannerHi upper 64 bits of the scanner's address (0 for IPv4)
 * @param scannerLo lower 64 bits (the IPv4 address)
 * @param targetHi upper 64 bits of the scanned host's address
 * @param targetLo lower 64 bits
 * @param timeNanos capture time of the packet that completed the scan
 * @param details the counts EVE writes in the {@code portscan} object
 * @param openPort the open port this event reports, -1 for a scan alert
 */
public record ScanAlert(
    ScanSignature signature,
    int version,
    long scannerHi,
    long scannerLo,
    long targetHi,
    long targetLo,
    long timeNanos,
    PortscanRecord details,
    int openPort) {

  /** A scan alert (no open port). */
  public ScanAlert(
      ScanSignature signature,
      int version,
      long scannerHi,
      long scannerLo,
      long targetHi,
      long targetLo,
      long timeNanos,
      PortscanRecord details) {
    this(signature, version, scannerHi, scannerLo, targetHi, targetLo, timeNanos, details, -1);
  }

  /** True for an open port event. */
  public boolean isOpenPort() {
    return openPort >= 0;
  }

  /** The alert's sid: {@link ScanSignature#OPEN_PORT_SID} for an open port, else the scan's. */
  public int sid() {
    return isOpenPort() ? ScanSignature.OPEN_PORT_SID : signature.sid();
  }

  /** The alert's message, as Snort's sfPortscan writes it. */
  public String message() {
    return isOpenPort() ? ScanSignature.OPEN_PORT_MESSAGE : signature.message();
  }
}
