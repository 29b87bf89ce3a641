package org.vigil.compiler.ir;

/** {@code ftpbounce}: a PORT command whose address differs from the client's own. */
public record Ftpbounce(SourcePos pos, Buffer buffer) implements PayloadOption {
  @Override
  public String keyword() {
    return "ftpbounce";
  }
}
