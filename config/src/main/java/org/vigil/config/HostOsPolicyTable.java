package org.vigil.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code host-os-policy} setting as a lookup: the target policy name of a host address, by
 * longest matching prefix, else the default. One table drives TCP and IP-fragment reassembly.
 */
public final class HostOsPolicyTable {
  private final AddressTable<String> table;

  /**
   * A table with {@code defaultPolicy} for unlisted hosts and {@code policies}: name →
   * addresses/CIDRs.
   */
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

  /** True when the table lists no host: every lookup gives the default. */
  public boolean isUniform() {
    return table.isEmpty();
  }
}
