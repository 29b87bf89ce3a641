package org.vigil.compiler.ir;

/** {@code reference:system,id}. */
public record Reference(SourcePos pos, String system, String id) implements MetaOption {
  @Override
  public String keyword() {
    return "reference";
  }
}
