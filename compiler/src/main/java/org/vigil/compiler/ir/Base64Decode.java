package org.vigil.compiler.ir;

/**
 * {@code base64_decode[:[bytes n][,offset n][,relative]]}: decodes base64 from the current buffer
 * into the buffer read by {@code base64_data}. {@code bytes} and {@code offset} are null when
 * absent.
 */
public record Base64Decode(SourcePos pos, Long bytes, Long offset, boolean relative, Buffer buffer)
    implements PayloadOption {
  @Override
  public String keyword() {
    return "base64_decode";
  }
}
