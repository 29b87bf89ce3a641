package org.vigil.compiler.ir;

/**
 * {@code
 * byte_test:bytes,[!]op,value,offset[,relative][,big|little][,string,hex|dec|oct][,dce][,bitmask
 * m]}. Reads {@code bytes} bytes at {@code offset} (relative to the previous match when {@code
 * relative}), applies {@code bitmask} (null when absent) and compares with {@code value}; {@code
 * negated} inverts the result.
 */
public record ByteTest(
    SourcePos pos,
    int bytes,
    boolean negated,
    Operator operator,
    IntArg value,
    IntArg offset,
    boolean relative,
    Endian endian,
    NumberEncoding encoding,
    boolean dce,
    Long bitmask,
    Buffer buffer)
    implements PayloadOption {

  /** The byte_test comparison. */
  public enum Operator {
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    EQ("="),
    AND("&"),
    XOR("^");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** The operator as written. */
    public String text() {
      return text;
    }
  }

  @Override
  public String keyword() {
    return "byte_test";
  }
}
