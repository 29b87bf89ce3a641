package org.vigil.compiler.ir;

/** {@code icode:...}: ICMP code; forms {@code N}, {@code <N}, {@code >N}, {@code a<>b}. */
public record Icode(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "icode";
  }
}
