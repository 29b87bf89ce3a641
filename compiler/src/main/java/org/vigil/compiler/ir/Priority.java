package org.vigil.compiler.ir;

/** {@code priority:N}: overrides the classtype's priority (alert severity). */
public record Priority(SourcePos pos, int value) implements MetaOption {
  @Override
  public String keyword() {
    return "priority";
  }
}
