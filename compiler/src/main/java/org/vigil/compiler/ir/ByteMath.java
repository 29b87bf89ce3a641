package org.vigil.compiler.ir;

/**
 * {@code byte_math:bytes n|var, offset o, oper op, rvalue v|var, result name[, relative][, endian
 * big|little][, string hex|dec|oct][, bitmask m]} (Suricata 7): reads {@code bytes} bytes at {@code
 * offset} (from the cursor when {@code relative}) as an unsigned number, applies {@code operator}
 * with {@code rvalue} in 64-bit unsigned arithmetic, then {@code bitmask} (null when absent: AND,
 * then shift right by the mask's trailing zero bits), and stores the result in variable {@code
 * result} for later options of the rule; the cursor moves past the bytes read. {@code bytesVar} is
 * the variable giving the number of bytes, or null.
 */
public record ByteMath(
    SourcePos pos,
    int bytes,
    IntArg.Variable bytesVar,
    long offset,
    Operator operator,
    IntArg rvalue,
    String result,
    boolean relative,
    Endian endian,
    NumberEncoding encoding,
    Long bitmask,
    Buffer buffer)
    implements PayloadOption {

  /** The arithmetic of a byte_math. */
  public enum Operator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    SHIFT_LEFT("<<"),
    SHIFT_RIGHT(">>");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** The operator as written. */
    public String text() {
      return text;
    }

    /** The operator written {@code text}, or null. */
    public static Operator of(String text) {
      for (Operator o : values()) {
        if (o.text.equals(text)) {
          return o;
        }
      }
      return null;
    }
  }

  /** The most bytes Suricata 7 reads at run time: 4 as binary, 10 as a string. */
  public int maxBytes() {
    return encoding == NumberEncoding.BINARY ? 4 : 10;
  }

  @Override
  public String keyword() {
    return "byte_math";
  }
}
