package org.vigil.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code host-os-policy} setting as a lookup: the target policy name of a host address, by
 * longest matching prefix, else the default. One table drives TCP and IP-fragment reassembly.
 */
public final class HostOsPolicyTable {
  private final AddressTable<String> table;

  /** A table with {@code defaultPolicy} for unlisted hosts and {@code policies}: name → addresses/CIDRs. */
  public HostOsPolicyTable(String defaultPolicy, Map<String, List<String>> policies) {
    table = new AddressTable<>(defaultPolicy);
    for (var e : policies.entrySet()) {
      for (String cidr : e.getValue()) {
        try {
          table.add(cidr, e.getKey());
        } catch (IllegalArgumentException ex) {
          throw new ConfigException("host-os-policy." + e.getKey() + ": " + ex.getMessage());
        }
      }
    }
  }

  /** The table a configuration describes. */
  public static HostOsPolicyTable from(VigilConfig config) {
    return new HostOsPolicyTable(config.hostOsPolicyDefault(), config.hostOsPolicies());
  }

  /** The policy name for a host given as 4 or 16 raw bytes. */
  public String policyFor(byte[] address) {
    return table.lookup(address);
  }

  /** The policy name for an address in the packet path's (version, hi, lo) form. */
  public String policyFor(int ipVersion, long hi, long lo) {
    byte[] a;
    if (ipVersion == 4) {
      int v = (int) lo;
      a = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    } else {
      a = new byte[16];
      for (int i = 0; i < 8; i++) {
        a[i] = (byte) (hi >>> (56 - 8 * i));
        a[8 + i] = (byte) (lo >>> (56 - 8 * i));
      }
    }
    return policyFor(a);
  }

  /** True when the table lists no host: every lookup gives the default. */
  public boolean isUniform() {
    return table.isEmpty();
  }
}
