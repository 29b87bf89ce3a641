package org.vigil.compiler.front;

import java.net.Inet6Address;
import org.vigil.compiler.ir.AddressSpec;
import org.vigil.compiler.ir.PortSpec;

/** Prints the address and port specs of a rule header as canonical rule text. */
final class NetSpecPrinter {
  private NetSpecPrinter() {}

  static void address(StringBuilder sb, AddressSpec a) {
    switch (a) {
      case AddressSpec.Any x -> sb.append("any");
      case AddressSpec.Cidr c -> {
        sb.append(c.address().getHostAddress());
        int full = c.address() instanceof Inet6Address ? 128 : 32;
        if (c.prefix() != full) {
          sb.append('/').append(c.prefix());
        }
      }
      case AddressSpec.Group g -> {
        sb.append('[');
        for (int i = 0; i < g.items().size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          address(sb, g.items().get(i));
        }
        sb.append(']');
      }
      case AddressSpec.Not n -> {
        sb.append('!');
        address(sb, n.inner());
      }
      case AddressSpec.Var v -> sb.append('$').append(v.name());
    }
  }

  static void port(StringBuilder sb, PortSpec p) {
    switch (p) {
      case PortSpec.Any x -> sb.append("any");
      case PortSpec.Range r -> {
        if (r.isSingle()) {
          sb.append(r.low());
        } else {
          sb.append(r.low()).append(':').append(r.high());
        }
      }
      case PortSpec.Group g -> {
        sb.append('[');
        for (int i = 0; i < g.items().size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          port(sb, g.items().get(i));
        }
        sb.append(']');
      }
      case PortSpec.Not n -> {
        sb.append('!');
        port(sb, n.inner());
      }
      case PortSpec.Var v -> sb.append('$').append(v.name());
    }
  }
}
