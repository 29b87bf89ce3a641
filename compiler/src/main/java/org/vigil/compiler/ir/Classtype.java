package org.vigil.compiler.ir;

/** {@code classtype:name}: the classification, looked up in classification.config. */
public record Classtype(SourcePos pos, String name) implements MetaOption {
  @Override
  public String keyword() {
    return "classtype";
  }
}
