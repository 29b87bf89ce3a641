package org.vigil.compiler.front;

import java.util.EnumSet;
import java.util.Set;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.NumericCheck.Op;
import org.vigil.grammar.SnortLexer;

/**
 * Reads a {@link NumericCheck} from option tokens: {@code N}, {@code <N}, {@code !N}, {@code a<>b},
 * {@code a-b}.
 */
final class Numeric {
  private Numeric() {}

  static final Set<Op> ALL = EnumSet.allOf(Op.class);
  static final Set<Op> EQ_NE = EnumSet.of(Op.EQ, Op.NE);
  static final Set<Op> EQ_ONLY = EnumSet.of(Op.EQ);
  static final Set<Op> CMP = EnumSet.of(Op.EQ, Op.LT, Op.GT, Op.RANGE);
  static final Set<Op> CMP_NE = EnumSet.of(Op.EQ, Op.NE, Op.LT, Op.GT);

  static NumericCheck parse(OptionArgs a, Set<Op> allowed, long min, long max) {
    a.requireValue();
    NumericCheck c = read(a, min, max);
    if (!allowed.contains(c.op())) {
      throw a.error("operator '" + c.op().text() + "' is not allowed here");
    }
    if (c.op() == Op.RANGE && c.value() >= c.value2()) {
      throw a.error(
          "range "
              + c.value()
              + "<>"
              + c.value2()
              + " is empty (the low value must be below the high value)");
    }
    return c;
  }

  private static NumericCheck read(OptionArgs a, long min, long max) {
    int n = a.size();
    Op op =
        switch (a.type(0)) {
          case SnortLexer.LT -> Op.LT;
          case SnortLexer.GT -> Op.GT;
          case SnortLexer.LE -> Op.LE;
          case SnortLexer.GE -> Op.GE;
          case SnortLexer.EQ -> Op.EQ;
          case SnortLexer.BANG -> Op.NE;
          default -> null;
        };
    if (op != null) {
      return NumericCheck.of(op, a.slice(1, n).number("value", min, max));
    }
    for (int i = 1; i < n; i++) {
      int t = a.type(i);
      if (t == SnortLexer.RANGE || t == SnortLexer.MINUS) {
        long lo = a.slice(0, i).number("low value", min, max);
        long hi = a.slice(i + 1, n).number("high value", min, max);
        return new NumericCheck(Op.RANGE, lo, hi);
      }
    }
    return NumericCheck.of(Op.EQ, a.number("value", min, max));
  }
}
