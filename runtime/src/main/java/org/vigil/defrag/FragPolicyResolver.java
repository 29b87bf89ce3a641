package org.vigil.defrag;

/**
 * Chooses the overlap policy for a destination host (filled from host-os-policy by the config
 * stage).
 */
@FunctionalInterface
public interface FragPolicyResolver {
  /** The policy for destination address (hi, lo) of the given IP version (IPv4 in lo). */
  FragPolicy policyFor(int ipVersion, long hi, long lo);

  /** The same policy for every host. */
  static FragPolicyResolver of(FragPolicy policy) {
    return (v, hi, lo) -> policy;
  }

  /**
   * Suricata's defaults: windows for IPv4 hosts (its default host-os-policy 0.0.0.0/0), bsd for
   * IPv6.
   */
  static FragPolicyResolver suricataDefault() {
    FragPolicy w = new WindowsPolicy(), b = new BsdPolicy();
    return (v, hi, lo) -> v == 4 ? w : b;
  }
}
