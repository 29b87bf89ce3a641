package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;
import static org.vigil.compiler.front.Rules.opts;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.FastPattern;
import org.vigil.compiler.ir.IntArg;

class ContentKeywordsTest {

  @Test
  void textHexAndEscapes() {
    Content c = one("content:\"a|0d 0A|b\\\"\\;\\\\\\:|41|\";", Content.class);
    assertArrayEquals("a\r\nb\";\\:A".getBytes(StandardCharsets.ISO_8859_1), c.pattern().data());
    assertFalse(c.negated());
    assertEquals(Buffer.PKT_DATA, c.buffer());
    assertEquals(
        one("content:\"|0d0a|\";", Content.class).pattern(),
        one("content:\"|0d 0a|\";", Content.class).pattern());
  }

  @Test
  void everyModifier() {
    Content c = (Content) opts("content:!\"abc\"; nocase; rawbytes; offset:3; depth:10;").get(0);
    assertTrue(c.negated());
    assertTrue(c.nocase());
    assertTrue(c.rawbytes());
    assertEquals(IntArg.of(3), c.offset());
    assertEquals(IntArg.of(10), c.depth());
    assertNull(c.distance());
    Content r =
        (Content)
            opts("content:\"a\"; content:\"bc\"; distance:-1; within:5; fast_pattern;").get(1);
    assertEquals(IntArg.of(-1), r.distance());
    assertEquals(IntArg.of(5), r.within());
    assertTrue(r.isRelative());
    assertInstanceOf(FastPattern.Whole.class, r.fastPattern());
    assertInstanceOf(
        FastPattern.Only.class,
        one("content:\"abc\"; fast_pattern:only;", Content.class).fastPattern());
    assertEquals(
        new FastPattern.Slice(1, 2),
        one("content:\"abcd\"; fast_pattern:1,2;", Content.class).fastPattern());
  }

  @Test
  void httpBuffersAndUricontent() {
    for (Buffer b : Buffer.values()) {
      if (b.modifier()) {
        assertEquals(
            b, one("content:\"x\"; " + b.keyword() + ";", Content.class).buffer(), b.keyword());
      }
    }
    assertEquals(Buffer.HTTP_URI, one("uricontent:\"/a\";", Content.class).buffer());
    var o = opts("file_data; content:\"x\"; pkt_data; content:\"y\";");
    assertEquals(Buffer.FILE_DATA, ((Content) o.get(1)).buffer());
    assertEquals(Buffer.PKT_DATA, ((Content) o.get(3)).buffer());
  }

  @Test
  void byteExtractVariablesInPositions() {
    var o =
        opts(
            "content:\"a\"; byte_extract:1,0,len,relative; content:\"b\"; distance:len; within:len;");
    Content b = (Content) o.get(2);
    assertEquals(new IntArg.Variable("len"), b.distance());
    assertEquals(
        "depth: unknown byte_extract variable 'nolen'", bad("content:\"a\"; depth:nolen;"));
  }

  @Test
  void malformedValues() {
    assertEquals("content: a quoted string is required, found 'abc'", bad("content:abc;"));
    assertEquals("content: a value is required", bad("content;"));
    assertEquals("content: empty content", bad("content:\"\";"));
    assertEquals("content: odd number of hex digits in |0d0|", bad("content:\"|0d0|\";"));
    assertEquals("content: invalid character 'g' in |hex| bytes", bad("content:\"|0g|\";"));
    assertEquals(
        "content: invalid escape '\\x' (only \\\" \\; \\\\ \\: are allowed)",
        bad("content:\"a\\x\";"));
    assertEquals("depth: unknown byte_extract variable 'ten'", bad("content:\"a\"; depth:ten;"));
    assertEquals("depth: depth must be a number, found '1x'", bad("content:\"a\"; depth:1x;"));
    assertEquals(
        "offset: offset 70000 is out of range [0, 65535]", bad("content:\"a\"; offset:70000;"));
    assertEquals("nocase: takes no value, found 'yes'", bad("content:\"a\"; nocase:yes;"));
  }

  @Test
  void suricataLoadChecks() {
    assertEquals("nocase needs a preceding content", bad("nocase;"));
    assertEquals(
        "depth:3 is smaller than the content length 6", bad("content:\"abcdef\"; depth:3;"));
    assertEquals(
        "within:2 is smaller than the content length 3, the rule can never match",
        bad("content:\"a\"; content:\"abc\"; within:2;"));
    assertEquals(
        "can't mix distance with depth/offset on the same content",
        bad("content:\"a\"; depth:4; distance:0;"));
    assertEquals(
        "can't mix offset with distance/within on the same content",
        bad("content:\"a\"; within:4; offset:1;"));
    assertEquals(
        "can't use multiple depth on the same content", bad("content:\"a\"; depth:4; depth:5;"));
    assertEquals(
        "can't have distance on a content with fast_pattern:only",
        bad("content:\"a\"; fast_pattern:only; distance:0;"));
    assertTrue(
        bad("content:\"a\"; fast_pattern:only; content:\"b\"; distance:0;")
            .startsWith("distance is relative to a content with fast_pattern:only"));
    assertEquals(
        "fast_pattern:only cannot be used on a negated content or with distance, within, offset or depth",
        bad("content:!\"a\"; fast_pattern:only;"));
    assertEquals(
        "fast_pattern can be used on only one content in a rule",
        bad("content:\"a\"; fast_pattern; content:\"b\"; fast_pattern;"));
    assertEquals(
        "fast_pattern: offset+length 5 exceeds the content length 3",
        bad("content:\"abc\"; fast_pattern:2,3;"));
    assertEquals(
        "http_uri used while the sticky buffer file_data is active; reset it with pkt_data first",
        bad("file_data; content:\"a\"; http_uri;"));
    assertEquals(
        "http_header conflicts with http_uri on the same content",
        bad("content:\"a\"; http_uri; http_header;"));
    assertEquals(
        "rawbytes cannot be used on an http_uri content",
        bad("content:\"a\"; http_uri; rawbytes;"));
    assertEquals(
        "http_uri cannot be used with rawbytes", bad("content:\"a\"; rawbytes; http_uri;"));
  }
}
