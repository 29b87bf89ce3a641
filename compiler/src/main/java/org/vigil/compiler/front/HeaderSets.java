package org.vigil.compiler.front;

import java.math.BigInteger;
import org.vigil.compiler.ir.AddressSpec;
import org.vigil.compiler.ir.PortSpec;

/**
 * Evaluates header specs to the sets they denote (Suricata's rules: a group is the union of its
 * plain items minus its negated items, all addresses when it has only negated items), to reject
 * specs that match nothing.
 */
final class HeaderSets {
  private HeaderSets() {}

  private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  private static final BigInteger PORT_MAX = BigInteger.valueOf(65535);

  /** IPv4 and IPv6 parts of an address set. */
  record Addr(IntervalSet v4, IntervalSet v6) {
    boolean isEmpty() {
      return v4.isEmpty() && v6.isEmpty();
    }

    Addr union(Addr o) {
      return new Addr(v4.union(o.v4), v6.union(o.v6));
    }

    Addr minus(Addr o) {
      return new Addr(v4.minus(o.v4), v6.minus(o.v6));
    }

    Addr complement() {
      return new Addr(v4.complement(), v6.complement());
    }
  }

  static Addr allAddresses() {
    return new Addr(IntervalSet.full(V4_MAX), IntervalSet.full(V6_MAX));
  }

  static Addr noAddresses() {
    return new Addr(IntervalSet.empty(V4_MAX), IntervalSet.empty(V6_MAX));
  }

  /** True when the spec (or anything it refers to) uses negation; only those can be empty. */
  static boolean hasNegation(AddressSpec s) {
    return switch (s) {
      case AddressSpec.Not n -> true;
      case AddressSpec.Group g -> g.items().stream().anyMatch(HeaderSets::hasNegation);
      case AddressSpec.Var v -> v.value() != null && hasNegation(v.value());
      case AddressSpec.Any _, AddressSpec.Cidr _ -> false;
    };
  }

  static Addr eval(AddressSpec s) {
    return switch (s) {
      case AddressSpec.Any a -> allAddresses();
      case AddressSpec.Cidr c -> {
        byte[] b = c.address().getAddress();
        BigInteger base = new BigInteger(1, b);
        int bits = b.length * 8;
        BigInteger hi =
            base.or(BigInteger.ONE.shiftLeft(bits - c.prefix()).subtract(BigInteger.ONE));
        IntervalSet one = IntervalSet.of(bits == 32 ? V4_MAX : V6_MAX, base, hi);
        yield bits == 32
            ? new Addr(one, IntervalSet.empty(V6_MAX))
            : new Addr(IntervalSet.empty(V4_MAX), one);
      }
      case AddressSpec.Not n -> eval(n.inner()).complement();
      case AddressSpec.Var v -> eval(v.value());
      case AddressSpec.Group g -> {
        Addr plus = noAddresses();
        Addr minus = noAddresses();
        boolean anyPlain = false;
        for (AddressSpec item : g.items()) {
          if (item instanceof AddressSpec.Not n) {
            minus = minus.union(eval(n.inner()));
          } else {
            anyPlain = true;
            plus = plus.union(eval(item));
          }
        }
        yield (anyPlain ? plus : allAddresses()).minus(minus);
      }
    };
  }

  static boolean hasNegation(PortSpec s) {
    return switch (s) {
      case PortSpec.Not n -> true;
      case PortSpec.Group g -> g.items().stream().anyMatch(HeaderSets::hasNegation);
      case PortSpec.Var v -> v.value() != null && hasNegation(v.value());
      case PortSpec.Any _, PortSpec.Range _ -> false;
    };
  }

  static IntervalSet eval(PortSpec s) {
    return switch (s) {
      case PortSpec.Any a -> IntervalSet.full(PORT_MAX);
      case PortSpec.Range r ->
          IntervalSet.of(PORT_MAX, BigInteger.valueOf(r.low()), BigInteger.valueOf(r.high()));
      case PortSpec.Not n -> eval(n.inner()).complement();
      case PortSpec.Var v -> eval(v.value());
      case PortSpec.Group g -> {
        IntervalSet plus = IntervalSet.empty(PORT_MAX);
        IntervalSet minus = IntervalSet.empty(PORT_MAX);
        boolean anyPlain = false;
        for (PortSpec item : g.items()) {
          if (item instanceof PortSpec.Not n) {
            minus = minus.union(eval(n.inner()));
          } else {
            anyPlain = true;
            plus = plus.union(eval(item));
          }
        }
        yield (anyPlain ? plus : IntervalSet.full(PORT_MAX)).minus(minus);
      }
    };
  }
}
