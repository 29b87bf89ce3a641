package org.vigil.portscan;

import java.util.Locale;

/** The shape of a scan: who scans whom, and how many ports. */
public enum ScanType {
  /** One host scans many ports of one host. */
  PORTSCAN(0),
  /** One host scans many ports of one host, its probes mixed with probes from spoofed sources. */
  DECOY_PORTSCAN(1),
  /** One host scans one or a few ports of many hosts. */
  PORTSWEEP(2),
  /** Many hosts scan many ports of one host, each taking its own ports. */
  DISTRIBUTED_PORTSCAN(3);

  private final int offset;

  ScanType(int offset) {
    this.offset = offset;
  }

  /** The type's place in its protocol's sid block. */
  int offset() {
    return offset;
  }

  /** The name as the configuration writes it ({@code decoy_portscan}). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type named {@code name} as the configuration writes it. */
  public static ScanType of(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
