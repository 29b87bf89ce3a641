package org.vigil.compiler.ir;

/**
 * {@code flowint:name,op[,value]}: an integer variable of the flow. {@code =}, {@code +}, {@code -}
 * change it when the rule gets there (a variable not set yet counts as 0 for {@code +} and {@code
 * -}); the comparisons match only a set variable; {@code isset} / {@code notset} test whether it is
 * set. The value is {@code value}, or the variable {@code valueVar} when not null (the option then
 * does not match while that one is not set).
 */
public record Flowint(SourcePos pos, String name, Op op, long value, String valueVar)
    implements FlowOption {
  /** The operation, with its runtime code ({@code org.vigil.detect.api.FlowBits#flowint}). */
  public enum Op {
    SET("=", 0),
    ADD("+", 1),
    SUB("-", 2),
    LT("<", 3),
    LE("<=", 4),
    EQ("==", 5),
    NE("!=", 6),
    GE(">=", 7),
    GT(">", 8),
    ISSET("isset", 9),
    NOTSET("notset", 10);

    private final String text;
    private final int code;

    Op(String text, int code) {
      this.text = text;
      this.code = code;
    }

    /** The operator as written. */
    public String text() {
      return text;
    }

    /** Its code at run time. */
    public int code() {
      return code;
    }

    /** True for {@code =}, {@code +} and {@code -}, which act after the rule matched. */
    public boolean isAction() {
      return this == SET || this == ADD || this == SUB;
    }

    /** True for {@code isset} and {@code notset}, which take no value. */
    public boolean unary() {
      return this == ISSET || this == NOTSET;
    }
  }

  @Override
  public String keyword() {
    return "flowint";
  }
}
