package org.vigil.app.http.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PathDecoderTest {

  private static String dec(String in, NormalizerOptions o, EnumSet<UriFlag> f) {
    byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
    return new String(PathDecoder.decode(b, 0, b.length, o, f), StandardCharsets.ISO_8859_1);
  }

  private static String dec(String in, ServerPersonality p) {
    return dec(in, p.options().withLowercase(false), EnumSet.noneOf(UriFlag.class));
  }

  @Test
  void hexEscapesInEitherCase() {
    assertEquals("/AbZ", dec("/%41%62%5A", ServerPersonality.MINIMAL));
    assertEquals("/\u00ff", dec("/%Ff", ServerPersonality.MINIMAL));
  }

  @Test
  void uEscapeNeedsFourHexDigits() {
    EnumSet<UriFlag> f = EnumSet.noneOf(UriFlag.class);
    assertEquals(
        "/%u00Zx", dec("/%u00Zx", ServerPersonality.IDS.options().withLowercase(false), f));
    assertTrue(f.contains(UriFlag.INVALID_ENCODING));
    assertEquals("/%u004", dec("/%u004", ServerPersonality.IDS));
    assertEquals("/A", dec("/%U0041", ServerPersonality.IIS_6_0));
  }

  @Test
  void separatorsAreConvertedAndCompressedAfterDecoding() {
    assertEquals("/a/b/c", dec("/a%5c%5cb\\\\c", ServerPersonality.IIS_6_0));
    // minimal: %5c decodes to a backslash that is no separator, nothing is compressed
    assertEquals("/a\\\\b\\\\c", dec("/a%5c%5cb\\\\c", ServerPersonality.MINIMAL));
  }

  @Test
  void apacheKeepsEncodedSlashButDecodesBackslashEscape() {
    assertEquals("/a%2Fb\\c", dec("/a%2Fb%5cc", ServerPersonality.APACHE_2));
  }

  @Test
  void lowercaseFoldsOnlyAsciiLetters() {
    assertEquals(
        "/abc\u00c4",
        dec("/ABC%c4", ServerPersonality.IIS_7_0.options(), EnumSet.noneOf(UriFlag.class)));
  }
}
