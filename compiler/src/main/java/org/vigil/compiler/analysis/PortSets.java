package org.vigil.compiler.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.vigil.compiler.ir.PortSpec;

/**
 * Resolves a header {@link PortSpec} into sorted disjoint inclusive port ranges {@code {lo, hi, lo,
 * hi, ...}}.
 */
public final class PortSets {
  private PortSets() {}

  /** The ranges for {@code spec}; {@code {0, 65535}} for any. */
  public static int[] resolve(PortSpec spec) {
    BitSet b = eval(spec);
    List<Integer> out = new ArrayList<>();
    int i = b.nextSetBit(0);
    while (i >= 0 && i <= 65535) {
      int end = b.nextClearBit(i) - 1;
      out.add(i);
      out.add(Math.min(end, 65535));
      i = b.nextSetBit(end + 1);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** True when the ranges cover every port. */
  public static boolean isAny(int[] ranges) {
    return ranges.length == 2 && ranges[0] == 0 && ranges[1] == 65535;
  }

  /** True when {@code port} is in {@code ranges}. */
  public static boolean contains(int[] ranges, int port) {
    for (int i = 0; i < ranges.length; i += 2) {
      if (port >= ranges[i] && port <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private static BitSet all() {
    BitSet b = new BitSet(65536);
    b.set(0, 65536);
    return b;
  }

  private static BitSet eval(PortSpec spec) {
    return switch (spec) {
      case PortSpec.Any a -> all();
      case PortSpec.Range r -> {
        BitSet b = new BitSet(65536);
        b.set(r.low(), r.high() + 1);
        yield b;
      }
      case PortSpec.Var v -> {
        if (v.value() == null) {
          throw new BackendException(v.pos(), "port variable $" + v.name() + " is not defined");
        }
        yield eval(v.value());
      }
      case PortSpec.Not n -> {
        BitSet b = all();
        b.andNot(eval(n.inner()));
        yield b;
      }
      case PortSpec.Group g -> {
        BitSet pos = null;
        BitSet neg = new BitSet(65536);
        for (PortSpec item : g.items()) {
          if (item instanceof PortSpec.Not n) {
            neg.or(eval(n.inner()));
          } else if (pos == null) {
            pos = eval(item);
          } else {
            pos.or(eval(item));
          }
        }
        if (pos == null) {
          pos = all();
        }
        pos.andNot(neg);
        yield pos;
      }
    };
  }
}
