package org.vigil.compiler.ir;

/**
 * {@code asn1:[bitstring_overflow][,double_overflow][,oversize_length n][,absolute_offset
 * n|relative_offset n]}: decodes BER from the payload and flags the listed anomalies. Absent
 * numbers are null.
 */
public record Asn1(
    SourcePos pos,
    boolean bitstringOverflow,
    boolean doubleOverflow,
    Long oversizeLength,
    Long absoluteOffset,
    Long relativeOffset,
    Buffer buffer)
    implements PayloadOption {
  @Override
  public String keyword() {
    return "asn1";
  }
}
