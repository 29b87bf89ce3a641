package org.vigil.compiler.ir;

/**
 * A comparison of a packet field against constants: {@code field OP value}, or for ranges {@code
 * value < field < value2} (Suricata 7 semantics for {@code a<>b}: exclusive both ends).
 */
public record NumericCheck(Op op, long value, long value2) {
  /** The comparison operator. */
  public enum Op {
    EQ("="),
    NE("!"),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    /** {@code a<>b}: strictly between the two values. */
    RANGE("<>");

    private final String text;

    Op(String text) {
      this.text = text;
    }

    /** The operator as written. */
    public String text() {
      return text;
    }
  }

  /** A non-range comparison. */
  public static NumericCheck of(Op op, long value) {
    return new NumericCheck(op, value, 0);
  }

  /** Whether {@code x} satisfies this check. */
  public boolean test(long x) {
    return switch (op) {
      case EQ -> x == value;
      case NE -> x != value;
      case LT -> x < value;
      case GT -> x > value;
      case LE -> x <= value;
      case GE -> x >= value;
      case RANGE -> x > value && x < value2;
    };
  }

  /** Canonical rule text: {@code 5}, {@code !5}, {@code <5}, {@code 3<>9}. */
  @Override
  public String toString() {
    return switch (op) {
      case EQ -> Long.toString(value);
      case RANGE -> value + "<>" + value2;
      case NE, LT, GT, LE, GE -> op.text + value;
    };
  }
}
