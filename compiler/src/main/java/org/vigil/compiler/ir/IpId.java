package org.vigil.compiler.ir;

/** {@code id:...}: IP identification field equals the value. */
public record IpId(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "id";
  }
}
