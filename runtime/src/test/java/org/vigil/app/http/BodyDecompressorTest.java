package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyDecompressorTest {

  /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set (header bytes written by hand). */
  @Test
  void gzipHeaderWithAllOptionalFieldsFedByteByByte() throws Exception {
    byte[] deflated =
        HttpConnectionParserTest.deflate("payload!".getBytes(StandardCharsets.US_ASCII), false);
    ByteArrayOutputStream g = new ByteArrayOutputStream();
    g.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3});
    g.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'}); // FEXTRA
    g.writeBytes("name.txt\0".getBytes(StandardCharsets.US_ASCII)); // FNAME
    g.writeBytes("comment\0".getBytes(StandardCharsets.US_ASCII)); // FCOMMENT
    g.writeBytes(new byte[] {0x12, 0x34}); // FHCRC (not checked)
    g.writeBytes(deflated);
    byte[] all = g.toByteArray();
    BodyDecompressor d = new BodyDecompressor();
    d.start(BodyDecompressor.Coding.GZIP);
    ByteBuilder out = new ByteBuilder(16);
    for (int i = 0; i < all.length; i++) {
      assertTrue(d.feed(all, i, 1, out, 1000));
    }
    assertEquals("payload!", new String(out.toArray(), StandardCharsets.US_ASCII));
    d.end();
  }

  @Test
  void corruptStreamAfterOutputFailsOnceAndKeepsWhatWasDecoded() {
    java.util.zip.Deflater def = new java.util.zip.Deflater(6, true);
    def.setInput("hello".getBytes(StandardCharsets.US_ASCII));
    byte[] buf = new byte[100];
    int n = def.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH);
    def.end();
    BodyDecompressor d = new BodyDecompressor();
    d.start(BodyDecompressor.Coding.DEFLATE);
    ByteBuilder out = new ByteBuilder(16);
    assertTrue(d.feed(buf, 0, n, out, 1000));
    assertEquals("hello", new String(out.toArray(), StandardCharsets.US_ASCII));
    byte[] reservedBlockType = {0x07, 0x00, 0x00};
    assertFalse(d.feed(reservedBlockType, 0, 3, out, 1000));
    assertTrue(d.failed());
    assertTrue(d.feed(buf, 0, n, out, 1000), "later data is ignored quietly");
    assertEquals("hello", new String(out.toArray(), StandardCharsets.US_ASCII));
    d.end();
  }

  @Test
  void reusedAcrossBodies() throws Exception {
    BodyDecompressor d = new BodyDecompressor();
    for (int i = 0; i < 3; i++) {
      byte[] z =
          HttpConnectionParserTest.deflate(
              ("body" + i).getBytes(StandardCharsets.US_ASCII), i % 2 == 0);
      d.start(BodyDecompressor.Coding.DEFLATE);
      ByteBuilder out = new ByteBuilder(16);
      assertTrue(d.feed(z, 0, z.length, out, 100));
      assertEquals("body" + i, new String(out.toArray(), StandardCharsets.US_ASCII));
    }
    d.end();
  }
}
