package org.vigil.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code host-os-policy} setting as a lookup: the target policy name of a host address, by
 * longest matching prefix, else the default. One table drives TCP and IP-fragment reassembly.
 */
public final class HostOsPolicyTable {
  private record Entry(byte[] prefix, int bits, String policy) {}

  private final List<Entry> v4 = new ArrayList<>();
  private final List<Entry> v6 = new ArrayList<>();
  private final String defaultPolicy;

  /** A table with {@code defaultPolicy} for unlisted hosts and {@code policies}: name → addresses/CIDRs. */
  public HostOsPolicyTable(String defaultPolicy, Map<String, List<String>> policies) {
    this.defaultPolicy = defaultPolicy;
    for (var e : policies.entrySet()) {
      for (String cidr : e.getValue()) {
        Entry en = parse(e.getKey(), cidr);
        (en.prefix.length == 4 ? v4 : v6).add(en);
      }
    }
  }

  /** The table a configuration describes. */
  public static HostOsPolicyTable from(VigilConfig config) {
    return new HostOsPolicyTable(config.hostOsPolicyDefault(), config.hostOsPolicies());
  }

  private static Entry parse(String policy, String cidr) {
    String s = cidr.trim();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    try {
      byte[] a = InetAddress.getByName(addr).getAddress();
      int bits = slash < 0 ? a.length * 8 : Integer.parseInt(s.substring(slash + 1));
      if (bits < 0 || bits > a.length * 8) {
        throw new ConfigException("host-os-policy." + policy + ": bad prefix length in '" + cidr + "'");
      }
      return new Entry(a, bits, policy);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new ConfigException("host-os-policy." + policy + ": not an address or CIDR: '" + cidr + "'");
    }
  }

  /** The policy name for a host given as 4 or 16 raw bytes (an IPv4-mapped table never applies to IPv6). */
  public String policyFor(byte[] address) {
    Entry best = null;
    for (Entry e : address.length == 4 ? v4 : v6) {
      if ((best == null || e.bits > best.bits) && matches(e, address)) {
        best = e;
      }
    }
    return best == null ? defaultPolicy : best.policy;
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
    return v4.isEmpty() && v6.isEmpty();
  }

  private static boolean matches(Entry e, byte[] a) {
    int full = e.bits / 8;
    for (int i = 0; i < full; i++) {
      if (e.prefix[i] != a[i]) {
        return false;
      }
    }
    int rest = e.bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (e.prefix[full] & mask) == (a[full] & mask);
  }
}
