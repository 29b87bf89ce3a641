package org.vigil.compiler.ir;

/** {@code itype:...}: ICMP type; forms {@code N}, {@code <N}, {@code >N}, {@code a<>b}. */
public record Itype(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "itype";
  }
}
