package org.vigil.compiler.ir;

/** {@code msg:"..."}: the alert text, escapes removed. */
public record Msg(SourcePos pos, String text) implements MetaOption {
  @Override
  public String keyword() {
    return "msg";
  }
}
