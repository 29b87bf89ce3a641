package org.vigil.compiler.ir;

/**
 * A sticky buffer keyword ({@code pkt_data}, {@code file_data}, {@code base64_data}, {@code
 * dce_stub_data}, {@code sip_header}, {@code sip_body}): every following payload option inspects
 * {@code buffer} until the next sticky buffer keyword.
 */
public record StickyBuffer(SourcePos pos, Buffer buffer) implements PayloadOption {
  @Override
  public String keyword() {
    return buffer.keyword();
  }
}
