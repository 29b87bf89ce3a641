package org.vigil.app.http.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class Utf8DecoderTest {

  private static byte[] b(int... v) {
    byte[] r = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (byte) v[i];
    }
    return r;
  }

  @Test
  void overlongTwoAndThreeByteFormsDecode() {
    EnumSet<UriFlag> f = EnumSet.noneOf(UriFlag.class);
    assertEquals("/", new String(Utf8Decoder.decode(b(0xc0, 0xaf), f)));
    assertEquals(".", new String(Utf8Decoder.decode(b(0xe0, 0x80, 0xae), f)));
    assertTrue(f.contains(UriFlag.UTF8_OVERLONG));
  }

  @Test
  void fullWidthAndAccentedLettersBestFit() {
    EnumSet<UriFlag> f = EnumSet.noneOf(UriFlag.class);
    // U+FF41 FULLWIDTH LATIN SMALL LETTER A = ef bd 81
    assertEquals("a", new String(Utf8Decoder.decode(b(0xef, 0xbd, 0x81), f)));
    assertTrue(f.contains(UriFlag.HALF_FULL_RANGE));
    // U+00E9 stays one byte 0xe9
    assertEquals(0xe9, Utf8Decoder.decode(b(0xc3, 0xa9), f)[0] & 0xff);
  }

  @Test
  void invalidSequencesBecomeTheReplacementByte() {
    EnumSet<UriFlag> f = EnumSet.noneOf(UriFlag.class);
    // a bad continuation byte starts the next character; a bad lead byte is consumed
    assertEquals("a?b?c", new String(Utf8Decoder.decode(b('a', 0xc3, 'b', 0xff, 'c'), f)));
    assertTrue(f.contains(UriFlag.UTF8_INVALID));
    // an incomplete sequence at the end is dropped (libhtp 0.5)
    assertEquals("ab", new String(Utf8Decoder.decode(b('a', 'b', 0xe2, 0x82), f)));
    byte[] plain = b('/', 'x');
    org.junit.jupiter.api.Assertions.assertSame(plain, Utf8Decoder.decode(plain, f));
  }
}
