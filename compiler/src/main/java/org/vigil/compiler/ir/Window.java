package org.vigil.compiler.ir;

/** {@code window:...}: TCP window; forms {@code N} and {@code !N}. */
public record Window(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "window";
  }
}
