package org.vigil.compiler.ir;

/**
 * {@code dsize:...}: payload size; forms {@code N}, {@code <N}, {@code >N}, {@code !N}, {@code
 * a<>b}.
 */
public record Dsize(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "dsize";
  }
}
