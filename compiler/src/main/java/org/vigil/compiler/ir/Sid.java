package org.vigil.compiler.ir;

/** {@code sid:N}: signature id. */
public record Sid(SourcePos pos, long value) implements MetaOption {
  @Override
  public String keyword() {
    return "sid";
  }
}
