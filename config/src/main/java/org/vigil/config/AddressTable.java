package org.vigil.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Values per address block ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32}), the
 * longest matching prefix winning, unmatched addresses getting the fallback. Used for
 * host-os-policy and the HTTP server personalities. Build it, then only read it.
 */
public final class AddressTable<T> {
  private record Entry<T>(byte[] net, int prefix, T value) {}

  private final List<Entry<T>> entries = new ArrayList<>();
  private final T fallback;

  /** An empty table: every address gets {@code fallback}. */
  public AddressTable(T fallback) {
    this.fallback = fallback;
  }

  /**
   * Adds a block; a more specific block wins whatever the order of adding.
   *
   * @throws IllegalArgumentException naming the bad text (never resolves host names)
   */
  public AddressTable<T> add(String cidr, T value) {
    String s = cidr.trim();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    byte[] net;
    try {
      if (!host.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("not an IP address: '" + cidr + "'");
      }
      net = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: '" + cidr + "'", e);
    }
    int prefix;
    try {
      prefix = slash < 0 ? net.length * 8 : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in '" + cidr + "'", e);
    }
    if (prefix < 0 || prefix > net.length * 8) {
      throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
    }
    entries.add(new Entry<>(net, prefix, value));
    entries.sort(Comparator.comparingInt((Entry<T> e) -> e.prefix).reversed());
    return this;
  }

  /** The value for an address of 4 (IPv4) or 16 (IPv6) bytes. */
  public T lookup(byte[] address) {
    for (Entry<T> e : entries) {
      if (e.net.length == address.length && matches(e.net, address, e.prefix)) {
        return e.value;
      }
    }
    return fallback;
  }

  /** True when no block was added. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private static boolean matches(byte[] net, byte[] a, int prefix) {
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (net[i] != a[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (net[full] & mask) == (a[full] & mask);
  }
}
