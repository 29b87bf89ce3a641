package org.vigil.compiler.ir;

/**
 * {@code ftpbounce}: a PORT command whose address differs from the client's own; {@code buffer} is
 * always the FTP command line (an app-layer keyword, as in Suricata).
 */
public record Ftpbounce(SourcePos pos, Buffer buffer) implements PayloadOption {
  @Override
  public String keyword() {
    return "ftpbounce";
  }
}
