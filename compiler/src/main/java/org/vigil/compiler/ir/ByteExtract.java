package org.vigil.compiler.ir;

/**
 * {@code byte_extract:bytes,offset,name[,relative][,multiplier n][,big|little][,string,hex|dec|oct]
 * [,align 2|4][,dce][,bitmask m]}: reads a number into variable {@code name} for later {@link
 * IntArg.Variable} uses in the same rule. {@code align} is 0 when absent.
 */
public record ByteExtract(
    SourcePos pos,
    int bytes,
    IntArg offset,
    String name,
    boolean relative,
    int multiplier,
    Endian endian,
    NumberEncoding encoding,
    int align,
    boolean dce,
    Long bitmask,
    Buffer buffer)
    implements PayloadOption {
  @Override
  public String keyword() {
    return "byte_extract";
  }
}
