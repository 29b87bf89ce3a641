package org.vigil.compiler.ir;

/** {@code tos:...}: IP type-of-service byte; forms {@code N} and {@code !N}. */
public record Tos(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "tos";
  }
}
