package org.vigil.compiler.ir;

/**
 * {@code bsize:[<|>|<=|>=|!]N} or {@code bsize:a<>b}: the size of the sticky buffer selected before
 * it ({@code buffer}); a rule with it never matches when that buffer is absent.
 */
public record Bsize(SourcePos pos, NumericCheck check, Buffer buffer) implements PayloadOption {
  @Override
  public String keyword() {
    return "bsize";
  }
}
