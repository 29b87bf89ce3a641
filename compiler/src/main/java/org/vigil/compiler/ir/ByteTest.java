package org.vigil.compiler.ir;

/**
 * {@code
 * byte_test:bytes,[!]op,value,offset[,relative][,big|little][,string,hex|dec|oct][,dce][,bitmask
 * m]}. Reads {@code bytes} bytes at {@code offset} (relative to the previous match when {@code
 * relative}), applies {@code bitmask} (null when absent) and compares with {@code value}; {@code
 * negated} inverts the result.
 *
 * <p>{@code bytesVar}: the byte_extract variable giving the number of bytes (Suricata 7), or null;
 * with one, {@code bytes} is the largest count the encoding allows and a variable value outside
 * 1..that count fails the option.
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
    Buffer buffer,
    IntArg.Variable bytesVar)
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

  /** A byte_test reading a literal number of bytes. */
  public ByteTest(
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
      Buffer buffer) {
    this(
        pos, bytes, negated, operator, value, offset, relative, endian, encoding, dce, bitmask,
        buffer, null);
  }

  @Override
  public String keyword() {
    return "byte_test";
  }
}
