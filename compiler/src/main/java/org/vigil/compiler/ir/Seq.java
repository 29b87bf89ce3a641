package org.vigil.compiler.ir;

/** {@code seq:...}: TCP sequence number equals the value. */
public record Seq(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "seq";
  }
}
