package org.vigil.compiler.front;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of non-negative integers as sorted disjoint inclusive intervals within [0, max]; used to
 * find empty address and port specs.
 */
final class IntervalSet {
  private record Iv(BigInteger lo, BigInteger hi) {}

  private final BigInteger max;
  private final List<Iv> ivs;

  private IntervalSet(BigInteger max, List<Iv> ivs) {
    this.max = max;
    this.ivs = ivs;
  }

  static IntervalSet empty(BigInteger max) {
    return new IntervalSet(max, List.of());
  }

  static IntervalSet full(BigInteger max) {
    return new IntervalSet(max, List.of(new Iv(BigInteger.ZERO, max)));
  }

  static IntervalSet of(BigInteger max, BigInteger lo, BigInteger hi) {
    return new IntervalSet(max, List.of(new Iv(lo, hi)));
  }

  boolean isEmpty() {
    return ivs.isEmpty();
  }

  IntervalSet union(IntervalSet o) {
    List<Iv> all = new ArrayList<>(ivs);
    all.addAll(o.ivs);
    all.sort(Comparator.comparing(Iv::lo));
    List<Iv> out = new ArrayList<>();
    for (Iv iv : all) {
      if (!out.isEmpty() && out.getLast().hi().add(BigInteger.ONE).compareTo(iv.lo()) >= 0) {
        Iv last = out.removeLast();
        out.add(new Iv(last.lo(), last.hi().max(iv.hi())));
      } else {
        out.add(iv);
      }
    }
    return new IntervalSet(max, out);
  }

  IntervalSet complement() {
    List<Iv> out = new ArrayList<>();
    BigInteger next = BigInteger.ZERO;
    for (Iv iv : ivs) {
      if (iv.lo().compareTo(next) > 0) {
        out.add(new Iv(next, iv.lo().subtract(BigInteger.ONE)));
      }
      next = iv.hi().add(BigInteger.ONE);
    }
    if (next.compareTo(max) <= 0) {
      out.add(new Iv(next, max));
    }
    return new IntervalSet(max, out);
  }

  IntervalSet minus(IntervalSet o) {
    return complement().union(o).complement();
  }
}
