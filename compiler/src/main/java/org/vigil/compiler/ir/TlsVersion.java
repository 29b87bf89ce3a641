package org.vigil.compiler.ir;

/**
 * {@code tls.version:v} with v one of 1.0, 1.1, 1.2, 1.3 (TLS 1.3 drafts count as 1.3) or a raw
 * {@code 0xHHHH} version compared exactly: the version of the inspected direction's TLS side.
 *
 * @param version the 16-bit protocol version
 * @param raw true for the {@code 0x} form (drafts are not folded into 1.3)
 */
public record TlsVersion(SourcePos pos, int version, boolean raw) implements AppLayerOption {
  @Override
  public String keyword() {
    return "tls.version";
  }
}
