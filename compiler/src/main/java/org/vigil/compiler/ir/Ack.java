package org.vigil.compiler.ir;

/** {@code ack:...}: TCP acknowledgement number equals the value. */
public record Ack(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "ack";
  }
}
