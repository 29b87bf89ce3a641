package org.vigil.app.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.app.http.normalize.ServerPersonality;

/**
 * Server personalities per address block (like Suricata's libhtp server-config), the longest
 * matching prefix winning; addresses in no block get the default personality. Immutable.
 */
public final class PersonalityTable implements PersonalityResolver {

  private record Entry(byte[] net, int prefix, ServerPersonality personality) {}

  private final List<Entry> entries;
  private final ServerPersonality fallback;

  private PersonalityTable(List<Entry> entries, ServerPersonality fallback) {
    this.entries = entries;
    this.fallback = fallback;
  }

  /** Starts a table whose unmatched addresses get {@code fallback}. */
  public static Builder builder(ServerPersonality fallback) {
    return new Builder(fallback);
  }

  /** Collects address blocks for a {@link PersonalityTable}. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();
    private final ServerPersonality fallback;

    private Builder(ServerPersonality fallback) {
      this.fallback = fallback;
    }

    /** Adds a block such as {@code "10.0.0.0/8"}, {@code "192.168.1.5"} or {@code "2001:db8::/32"}. */
    public Builder add(String cidr, ServerPersonality p) {
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
      entries.add(new Entry(net, prefix, p));
      return this;
    }

    /** The finished table. */
    public PersonalityTable build() {
      List<Entry> sorted = new ArrayList<>(entries);
      sorted.sort(Comparator.comparingInt(Entry::prefix).reversed());
      return new PersonalityTable(List.copyOf(sorted), fallback);
    }
  }

  @Override
  public ServerPersonality resolve(byte[] address) {
    for (Entry e : entries) {
      if (e.net.length == address.length && matches(e.net, address, e.prefix)) {
        return e.personality;
      }
    }
    return fallback;
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
