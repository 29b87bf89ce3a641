package org.vigil.compiler.ir;

/** {@code gid:N}: generator id (1 when absent). */
public record Gid(SourcePos pos, long value) implements MetaOption {
  @Override
  public String keyword() {
    return "gid";
  }
}
