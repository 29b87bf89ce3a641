package org.vigil.portscan;

import java.util.Locale;

/** The protocol a scan is tracked in, with the first sid of its gid 122 block. */
public enum ScanProtocol {
  /** TCP ports. */
  TCP(1, "TCP"),
  /** IP protocols (the "port" is the protocol number). */
  IP(9, "IP"),
  /** UDP ports. */
  UDP(17, "UDP"),
  /** ICMP requests (sweeps only). */
  ICMP(25, "ICMP");

  private final int firstSid;
  private final String label;

  ScanProtocol(int firstSid, String label) {
    this.firstSid = firstSid;
    this.label = label;
  }

  /** The sid of this protocol's first signature. */
  int firstSid() {
    return firstSid;
  }

  /** The protocol as alert messages and EVE's {@code proto} write it. */
  public String label() {
    return label;
  }

  /** The protocol named {@code name} (tcp, udp, icmp, ip; any case). */
  public static ScanProtocol of(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }
}
