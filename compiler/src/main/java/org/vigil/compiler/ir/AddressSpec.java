package org.vigil.compiler.ir;

import java.net.InetAddress;
import java.util.List;

/**
 * A source or destination address of a rule header: any, a CIDR, a list, a negation or a variable.
 */
public sealed interface AddressSpec {
  /** Where the spec was written. */
  SourcePos pos();

  /** {@code any}. */
  record Any(SourcePos pos) implements AddressSpec {}

  /** One IPv4 or IPv6 address with a prefix length (32 / 128 for a single host). */
  record Cidr(SourcePos pos, InetAddress address, int prefix) implements AddressSpec {
    /** True for IPv6. */
    public boolean isV6() {
      return address instanceof java.net.Inet6Address;
    }
  }

  /** {@code [a,b,...]}: the union of its items (which may be negated, nested or variables). */
  record Group(SourcePos pos, List<AddressSpec> items) implements AddressSpec {
    public Group {
      items = List.copyOf(items);
    }
  }

  /** {@code !spec}. */
  record Not(SourcePos pos, AddressSpec inner) implements AddressSpec {}

  /**
   * {@code $NAME}; {@code value} is the definition from the configuration (itself an address spec,
   * positions inside it point to where the variable was defined), or null when unresolved.
   */
  record Var(SourcePos pos, String name, AddressSpec value) implements AddressSpec {}
}
