package org.vigil.compiler.ir;

/**
 * {@code urilen:[<|>]N[,norm|raw]} or {@code urilen:a<>b[,norm|raw]}: length of the URI; {@code
 * buffer} is {@link Buffer#HTTP_URI} (norm, the default) or {@link Buffer#HTTP_RAW_URI} (raw).
 */
public record Urilen(SourcePos pos, NumericCheck check, Buffer buffer) implements PayloadOption {
  @Override
  public String keyword() {
    return "urilen";
  }
}
