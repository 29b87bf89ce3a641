package org.vigil.portscan;

/**
 * A portscan alert's signature: generator 122 and Snort's sid and message for a scan type of a
 * protocol, filtered (attempts without answers) or not (negative responses seen).
 *
 * @param protocol the scan's protocol
 * @param type the scan's shape (ICMP: sweeps only)
 * @param filtered true when the attempts went unanswered rather than refused
 */
public record ScanSignature(ScanProtocol protocol, ScanType type, boolean filtered) {
  /** sfPortscan's generator id. */
  public static final int GID = 122;

  /**
   * sfPortscan's sid of an open port of a scanned host: the host answered an attempt of the scan (a
   * SYN/ACK), seen with or after the scan's alert.
   */
  public static final int OPEN_PORT_SID = 27;

  /** The message of {@link #OPEN_PORT_SID}. */
  public static final String OPEN_PORT_MESSAGE = "(portscan) Open Port";

  /** Checks that ICMP scans are sweeps. */
  public ScanSignature {
    if (protocol == ScanProtocol.ICMP && type != ScanType.PORTSWEEP) {
      throw new IllegalArgumentException("ICMP scans are sweeps, not " + type);
    }
  }

  /** The signature id: 1 (TCP Portscan) to 26 (ICMP Filtered Sweep). */
  public int sid() {
    if (protocol == ScanProtocol.ICMP) {
      return protocol.firstSid() + (filtered ? 1 : 0);
    }
    return protocol.firstSid() + type.offset() + (filtered ? 4 : 0);
  }

  /** The alert message, as Snort's sfPortscan writes it. */
  public String message() {
    String p = protocol.label();
    String f = filtered ? "Filtered " : "";
    String text =
        switch (protocol) {
          case ICMP -> p + " " + f + "Sweep";
          case IP ->
              switch (type) {
                case PORTSCAN -> p + " " + f + "Protocol Scan";
                case DECOY_PORTSCAN -> p + " " + f + "Decoy Protocol Scan";
                case PORTSWEEP -> p + " " + f + "Protocol Sweep";
                case DISTRIBUTED_PORTSCAN -> p + " " + f + "Distributed Protocol Scan";
              };
          case TCP, UDP ->
              switch (type) {
                case PORTSCAN -> p + " " + f + "Portscan";
                case DECOY_PORTSCAN -> p + " " + f + "Decoy Portscan";
                case PORTSWEEP -> p + " " + f + "Portsweep";
                case DISTRIBUTED_PORTSCAN -> p + " " + f + "Distributed Portscan";
              };
        };
    return "(portscan) " + text;
  }
}
