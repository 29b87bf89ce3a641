package org.vigil.compiler.analysis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.vigil.compiler.ir.AddressSpec;
import org.vigil.detect.api.AddressSet;

/**
 * Resolves a header {@link AddressSpec} (variables, lists, negations) into an {@link AddressSet} of
 * disjoint intervals. A list is the union of its plain items minus the union of its negated items
 * (only negations: everything minus them), as Snort and Suricata read it.
 */
public final class AddressSets {
  private AddressSets() {}

  private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** A pair of interval lists (v4, v6); each list holds sorted disjoint {lo, hi}. */
  private record Sets(List<BigInteger[]> v4, List<BigInteger[]> v6) {}

  /** The address set for {@code spec}. */
  public static AddressSet resolve(AddressSpec spec) {
    Sets s = eval(spec);
    long[] v4 = new long[s.v4.size() * 2];
    for (int i = 0; i < s.v4.size(); i++) {
      v4[2 * i] = s.v4.get(i)[0].longValue();
      v4[2 * i + 1] = s.v4.get(i)[1].longValue();
    }
    long[] v6 = new long[s.v6.size() * 4];
    for (int i = 0; i < s.v6.size(); i++) {
      BigInteger lo = s.v6.get(i)[0];
      BigInteger hi = s.v6.get(i)[1];
      v6[4 * i] = lo.shiftRight(64).longValue();
      v6[4 * i + 1] = lo.longValue();
      v6[4 * i + 2] = hi.shiftRight(64).longValue();
      v6[4 * i + 3] = hi.longValue();
    }
    return new AddressSet(v4, v6);
  }

  private static Sets any() {
    List<BigInteger[]> a = new ArrayList<>();
    a.add(new BigInteger[] {BigInteger.ZERO, V4_MAX});
    List<BigInteger[]> b = new ArrayList<>();
    b.add(new BigInteger[] {BigInteger.ZERO, V6_MAX});
    return new Sets(a, b);
  }

  private static Sets eval(AddressSpec spec) {
    return switch (spec) {
      case AddressSpec.Any a -> any();
      case AddressSpec.Cidr c -> cidr(c);
      case AddressSpec.Var v -> {
        if (v.value() == null) {
          throw new BackendException(v.pos(), "address variable $" + v.name() + " is not defined");
        }
        yield eval(v.value());
      }
      case AddressSpec.Not n -> complement(eval(n.inner()));
      case AddressSpec.Group g -> {
        Sets pos = null;
        Sets neg = new Sets(new ArrayList<>(), new ArrayList<>());
        for (AddressSpec item : g.items()) {
          if (item instanceof AddressSpec.Not n) {
            neg = union(neg, eval(n.inner()));
          } else {
            pos = pos == null ? eval(item) : union(pos, eval(item));
          }
        }
        if (pos == null) {
          pos = any();
        }
        yield intersect(pos, complement(neg));
      }
    };
  }

  private static Sets cidr(AddressSpec.Cidr c) {
    byte[] raw = c.address().getAddress();
    BigInteger a = new BigInteger(1, raw);
    int bits = raw.length * 8;
    int host = bits - c.prefix();
    BigInteger lo = a.shiftRight(host).shiftLeft(host);
    BigInteger hi = lo.add(BigInteger.ONE.shiftLeft(host)).subtract(BigInteger.ONE);
    List<BigInteger[]> one = new ArrayList<>();
    one.add(new BigInteger[] {lo, hi});
    return raw.length == 4 ? new Sets(one, new ArrayList<>()) : new Sets(new ArrayList<>(), one);
  }

  private static Sets union(Sets a, Sets b) {
    return new Sets(union(a.v4, b.v4), union(a.v6, b.v6));
  }

  private static Sets complement(Sets a) {
    return new Sets(complement(a.v4, V4_MAX), complement(a.v6, V6_MAX));
  }

  private static Sets intersect(Sets a, Sets b) {
    return complement(union(complement(a), complement(b)));
  }

  private static List<BigInteger[]> union(List<BigInteger[]> a, List<BigInteger[]> b) {
    List<BigInteger[]> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort((x, y) -> x[0].compareTo(y[0]));
    List<BigInteger[]> out = new ArrayList<>();
    for (BigInteger[] iv : all) {
      if (!out.isEmpty() && out.getLast()[1].add(BigInteger.ONE).compareTo(iv[0]) >= 0) {
        BigInteger[] last = out.getLast();
        if (iv[1].compareTo(last[1]) > 0) {
          last[1] = iv[1];
        }
      } else {
        out.add(new BigInteger[] {iv[0], iv[1]});
      }
    }
    return out;
  }

  private static List<BigInteger[]> complement(List<BigInteger[]> a, BigInteger max) {
    List<BigInteger[]> out = new ArrayList<>();
    BigInteger next = BigInteger.ZERO;
    for (BigInteger[] iv : union(a, List.of())) {
      if (iv[0].compareTo(next) > 0) {
        out.add(new BigInteger[] {next, iv[0].subtract(BigInteger.ONE)});
      }
      next = iv[1].add(BigInteger.ONE);
    }
    if (next.compareTo(max) <= 0) {
      out.add(new BigInteger[] {next, max});
    }
    return out;
  }
}
