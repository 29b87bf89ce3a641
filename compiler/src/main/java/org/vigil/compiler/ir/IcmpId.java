package org.vigil.compiler.ir;

/** {@code icmp_id:...}: ICMP echo identifier equals the value. */
public record IcmpId(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "icmp_id";
  }
}
