package org.vigil.compiler.ir;

/** {@code sameip}: source and destination address are equal. */
public record SameIp(SourcePos pos) implements PacketOption {
  @Override
  public String keyword() {
    return "sameip";
  }
}
