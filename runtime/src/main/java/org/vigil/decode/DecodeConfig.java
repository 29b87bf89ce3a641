package org.vigil.decode;

/**
 * Decoder settings: checksum validation ({@code checksums.validate}, default off) and the tunnel
 * ports (Suricata's defaults: VXLAN 4789, Geneve 6081, Teredo 3544).
 */
public record DecodeConfig(
    boolean validateChecksums, int vxlanPort, int genevePort, int teredoPort, int maxTunnelDepth) {
  /** Suricata's defaults for capture files ({@code -k none}). */
  public static DecodeConfig defaults() {
    return new DecodeConfig(false, 4789, 6081, 3544, 8);
  }

  public DecodeConfig withChecksums(boolean validate) {
    return new DecodeConfig(validate, vxlanPort, genevePort, teredoPort, maxTunnelDepth);
  }
}
