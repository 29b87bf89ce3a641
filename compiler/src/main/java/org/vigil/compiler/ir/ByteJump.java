package org.vigil.compiler.ir;

/**
 * {@code byte_jump:bytes,offset[,relative][,multiplier n][,big|little][,string,hex|dec|oct][,align]
 * [,from_beginning|from_end][,post_offset n][,dce][,bitmask m]}: reads a number and moves the
 * detection cursor by it ({@code bytes} 0: nothing is read, the cursor moves by post_offset only).
 * {@code postOffset} and {@code bitmask} are null when absent.
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
    Buffer buffer)
    implements PayloadOption {
  @Override
  public String keyword() {
    return "byte_jump";
  }
}
