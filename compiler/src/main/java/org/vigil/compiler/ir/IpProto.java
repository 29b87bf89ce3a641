package org.vigil.compiler.ir;

/**
 * {@code ip_proto:...}: IP protocol number (names such as tcp are mapped to numbers); forms {@code
 * N}, {@code !N}, {@code <N}, {@code >N}.
 */
public record IpProto(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "ip_proto";
  }
}
