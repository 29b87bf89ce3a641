package org.vigil.compiler.ir;

/** {@code rev:N}: signature revision. */
public record Rev(SourcePos pos, long value) implements MetaOption {
  @Override
  public String keyword() {
    return "rev";
  }
}
