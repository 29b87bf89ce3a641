package org.vigil.compiler.ir;

/** {@code icmp_seq:...}: ICMP echo sequence number equals the value. */
public record IcmpSeq(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "icmp_seq";
  }
}
