package org.vigil.compiler.ir;

/**
 * {@code isdataat:[!]size[,relative][,rawbytes]}: data exists at that position (absence when
 * negated).
 */
public record IsDataAt(
    SourcePos pos, boolean negated, IntArg size, boolean relative, boolean rawbytes, Buffer buffer)
    implements PayloadOption {
  @Override
  public String keyword() {
    return "isdataat";
  }
}
