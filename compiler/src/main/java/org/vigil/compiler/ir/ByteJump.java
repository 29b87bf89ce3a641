package org.vigil.compiler.ir;

/**
 * {@code byte_jump:bytes,offset[,relative][,multiplier n][,big|little][,string,hex|dec|oct][,align]
 * [,from_beginning|from_end][,post_offset n][,dce][,bitmask m]}: reads a number and moves the
 * detection cursor by it ({@code bytes} 0: nothing is read, the cursor moves by post_offset only).
 * {@code postOffset} and {@code bitmask} are null when absent.
 *
 * <p>{@code bytesVar}: the byte_extract variable giving the number of bytes (Suricata 7), or null;
 * with one, {@code bytes} is the largest count the encoding allows and a variable value outside
 * 1..that count fails the option.
 */
public record ByteJump(
    SourcePos pos,
    int bytes,
    IntArg offset,
    boolean relative,
    int multiplier,
    Endian endian,
    NumberEncoding encoding,
    boolean align,
    boolean fromBeginning,
    boolean fromEnd,
    IntArg postOffset,
    boolean dce,
    Long bitmask,
    Buffer buffer,
    IntArg.Variable bytesVar)
    implements PayloadOption {
  /** A byte_jump reading a literal number of bytes. */
  public ByteJump(
      SourcePos pos,
      int bytes,
      IntArg offset,
      boolean relative,
      int multiplier,
      Endian endian,
      NumberEncoding encoding,
      boolean align,
      boolean fromBeginning,
      boolean fromEnd,
      IntArg postOffset,
      boolean dce,
      Long bitmask,
      Buffer buffer) {
    this(
        pos,
        bytes,
        offset,
        relative,
        multiplier,
        endian,
        encoding,
        align,
        fromBeginning,
        fromEnd,
        postOffset,
        dce,
        bitmask,
        buffer,
        null);
  }

  @Override
  public String keyword() {
    return "byte_jump";
  }
}
