package org.vigil.app.http;

import org.vigil.app.http.normalize.ServerPersonality;
import org.vigil.config.AddressTable;

/**
 * Server personalities per address block (like Suricata's libhtp server-config), the longest
 * matching prefix winning; addresses in no block get the default personality. Immutable.
 */
public final class PersonalityTable implements PersonalityResolver {
  private final AddressTable<ServerPersonality> table;

  private PersonalityTable(AddressTable<ServerPersonality> table) {
    this.table = table;
  }

  /** Starts a table whose unmatched addresses get {@code fallback}. */
  public static Builder builder(ServerPersonality fallback) {
    return new Builder(fallback);
  }

  /** Collects address blocks for a {@link PersonalityTable}. */
  public static final class Builder {
    private AddressTable<ServerPersonality> table;

    private Builder(ServerPersonality fallback) {
      this.table = new AddressTable<>(fallback);
    }

    /**
     * Adds a block such as {@code "10.0.0.0/8"}, {@code "192.168.1.5"} or {@code "2001:db8::/32"}.
     */
    public Builder add(String cidr, ServerPersonality p) {
      table.add(cidr, p);
      return this;
    }

    /** The finished table; the builder is spent. */
    public PersonalityTable build() {
      PersonalityTable t = new PersonalityTable(table);
      table = null;
      return t;
    }
  }

  @Override
  public ServerPersonality resolve(byte[] address) {
    return table.lookup(address);
  }
}
