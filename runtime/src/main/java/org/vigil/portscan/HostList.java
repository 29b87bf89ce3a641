package org.vigil.portscan;

import java.util.ArrayList;
import java.util.List;
import org.vigil.decode.IpAddresses;

/**
 * A list of hosts as sfPortscan's {@code watch_ip}, {@code ignore_scanners} and {@code
 * ignore_scanned} take it: addresses or CIDR blocks (IPv4 or IPv6), each optionally followed by a
 * port or a port range after a space ({@code 10.0.0.0/8}, {@code 192.0.2.7 80}, {@code
 * 2001:db8::/32 1-1024}). Immutable.
 */
public final class HostList {
  private record Entry(int version, long hi, long lo, int prefix, int portLow, int portHigh) {}

  private static final HostList EMPTY = new HostList(List.of());

  private final List<Entry> entries;

  private HostList(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The empty list. */
  public static HostList empty() {
    return EMPTY;
  }

  /**
   * The list of {@code items}, each one entry.
   *
   * @throws IllegalArgumentException naming the entry that is not an address, block or port range
   */
  public static HostList of(List<String> items) {
    List<Entry> out = new ArrayList<>();
    for (String item : items) {
      String s = item.strip();
      if (!s.isEmpty()) {
        out.add(entry(s));
      }
    }
    return out.isEmpty() ? EMPTY : new HostList(out);
  }

  private static Entry entry(String s) {
    String[] parts = s.split("\\s+");
    if (parts.length > 2) {
      throw new IllegalArgumentException(
          "expected 'address[/prefix] [port[-port]]', found '" + s + "'");
    }
    String addr = parts[0];
    int slash = addr.indexOf('/');
    String host = slash < 0 ? addr : addr.substring(0, slash);
    int version = host.contains(":") ? 6 : 4;
    if (version == 4 && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("not an IP address: '" + host + "' in '" + s + "'");
    }
    long[] a = IpAddresses.parse(host);
    int bits = version == 4 ? 32 : 128;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(addr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in '" + s + "'");
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix length out of range in '" + s + "'");
    }
    int low = 0;
    int high = 65535;
    if (parts.length == 2) {
      String[] range = parts[1].split("-", 2);
      try {
        low = Integer.parseInt(range[0]);
        high = range.length == 2 ? Integer.parseInt(range[1]) : low;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port or port range in '" + s + "'");
      }
      if (low < 0 || high > 65535 || low > high) {
        throw new IllegalArgumentException("bad port or port range in '" + s + "'");
      }
    }
    return new Entry(version, a[0], a[1], prefix, low, high);
  }

  /** True when the list has no entry. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Whether the host {@code (version, hi, lo)} is on the list with {@code port} (-1: the packet has
   * no port; then only entries without ports match it).
   */
  public boolean contains(int version, long hi, long lo, int port) {
    for (Entry e : entries) {
      if (e.version != version || !inBlock(e, hi, lo)) {
        continue;
      }
      boolean anyPort = e.portLow == 0 && e.portHigh == 65535;
      if (anyPort || (port >= e.portLow && port <= e.portHigh)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inBlock(Entry e, long hi, long lo) {
    if (e.version == 4) {
      long mask = e.prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - e.prefix)) & 0xFFFF_FFFFL;
      return (lo & mask) == (e.lo & mask);
    }
    long hiMask = e.prefix >= 64 ? -1L : e.prefix == 0 ? 0 : -1L << (64 - e.prefix);
    long loMask = e.prefix <= 64 ? 0 : e.prefix == 128 ? -1L : -1L << (128 - e.prefix);
    return (hi & hiMask) == (e.hi & hiMask) && (lo & loMask) == (e.lo & loMask);
  }
}
