package org.vigil.compiler.ir;

/**
 * {@code fragoffset:...}: IP fragment offset (in 8-byte units); forms {@code N}, {@code !N}, {@code
 * <N}, {@code >N}.
 */
public record FragOffset(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "fragoffset";
  }
}
