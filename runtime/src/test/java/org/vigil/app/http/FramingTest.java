package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramingTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void contentLengthAllowsSurroundingWhitespaceOnly() {
    assertEquals(42, Framing.contentLength(b(" 42\t")));
    assertEquals(0, Framing.contentLength(b("0")));
    assertEquals(-1, Framing.contentLength(b("4 2")));
    assertEquals(-1, Framing.contentLength(b("12x")));
    assertEquals(-1, Framing.contentLength(b("")));
    assertEquals(-1, Framing.contentLength(b("-1")));
    assertEquals(-1, Framing.contentLength(b("99999999999999999999999")));
  }

  @Test
  void chunkedIsATokenNotASubstring() {
    assertTrue(Framing.isChunked(b("chunked")));
    assertTrue(Framing.isChunked(b("gzip, Chunked")));
    assertTrue(Framing.isChunked(b("chu\0nked")));
    assertTrue(Framing.isChunked(b("chunked;q=1, x")));
    assertFalse(Framing.isChunked(b("notchunked")));
    assertFalse(Framing.isChunked(b("chunked-x")));
    assertFalse(Framing.isChunked(b("")));
  }
}
