package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;
import static org.vigil.compiler.front.Rules.opts;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Asn1;
import org.vigil.compiler.ir.Base64Decode;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Ftpbounce;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.IsDataAt;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.StickyBuffer;
import org.vigil.compiler.ir.Urilen;

class BufferKeywordsTest {

  @Test
  void stickyBuffersApplyToFollowingOptions() {
    for (String k :
        new String[] {"file_data", "base64_data", "dce_stub_data", "sip_header", "sip_body"}) {
      var o = opts(k + "; content:\"x\";");
      assertEquals(Buffer.ofKeyword(k), ((StickyBuffer) o.get(0)).buffer());
      assertEquals(Buffer.ofKeyword(k), ((Content) o.get(1)).buffer(), k);
    }
    var o = opts("file_data; content:\"x\"; pkt_data; isdataat:1;");
    assertEquals(Buffer.PKT_DATA, ((IsDataAt) o.get(3)).buffer());
  }

  @Test
  void isdataatForms() {
    IsDataAt d = (IsDataAt) opts("content:\"a\"; isdataat:!1,relative,rawbytes;").get(1);
    assertTrue(d.negated());
    assertEquals(IntArg.of(1), d.size());
    assertTrue(d.relative());
    assertTrue(d.rawbytes());
    assertFalse(one("isdataat:2049;", IsDataAt.class).relative());
    assertEquals(
        "isdataat: unknown option 'sideways' (relative, rawbytes)", bad("isdataat:1,sideways;"));
    assertEquals("isdataat: size must be a number, found '1.5'", bad("isdataat:1.5;"));
  }

  @Test
  void urilenForms() {
    assertEquals(NumericCheck.of(NumericCheck.Op.EQ, 9), one("urilen:9;", Urilen.class).check());
    assertEquals(
        NumericCheck.of(NumericCheck.Op.LT, 100), one("urilen:<100;", Urilen.class).check());
    assertEquals(
        new NumericCheck(NumericCheck.Op.RANGE, 5, 10), one("urilen:5<>10;", Urilen.class).check());
    assertEquals(Buffer.HTTP_URI, one("urilen:>5,norm;", Urilen.class).buffer());
    assertEquals(Buffer.HTTP_RAW_URI, one("urilen:>5,raw;", Urilen.class).buffer());
    assertEquals("urilen: expected norm or raw, found 'cooked'", bad("urilen:5,cooked;"));
    assertEquals(
        "urilen: range 10<>5 is empty (the low value must be below the high value)",
        bad("urilen:10<>5;"));
    assertEquals("urilen: operator '!' is not allowed here", bad("urilen:!5;"));
  }

  @Test
  void base64Asn1Ftpbounce() {
    Base64Decode b = one("base64_decode:bytes 150, offset 10, relative;", Base64Decode.class);
    assertEquals(150L, b.bytes());
    assertEquals(10L, b.offset());
    assertTrue(b.relative());
    assertNull(one("base64_decode;", Base64Decode.class).bytes());
    assertEquals(
        "base64_decode: unknown option 'size' (bytes N, offset N, relative)",
        bad("base64_decode:size 3;"));
    // as Suricata 7.0.10 loads them (bin/oracle): bytes 0 is the default, bytes is 16 bits, the
    // order is bytes, offset, relative, and what follows the word is not read
    assertEquals(0L, one("base64_decode:bytes 0;", Base64Decode.class).bytes());
    assertEquals(
        "base64_decode: bytes 70000 is out of range 0..65535", bad("base64_decode:bytes 70000;"));
    assertEquals(
        "base64_decode: unknown option 'bytes' (bytes N, offset N, relative)",
        bad("base64_decode:offset 2, bytes 1;"));
    Base64Decode r = one("base64_decode:relative, bytes 4;", Base64Decode.class);
    assertTrue(r.relative());
    assertNull(r.bytes());
    // an http_* modified content takes the decode to its buffer, as a sticky buffer does
    assertEquals(
        Buffer.HTTP_URI,
        ((Base64Decode) opts("content:\"q=\"; http_uri; base64_decode:relative;").get(1)).buffer());
    assertEquals(
        Buffer.PKT_DATA,
        ((Base64Decode) opts("content:\"q=\"; base64_decode:relative;").get(1)).buffer());
    Asn1 a =
        one(
            "asn1:double_overflow, bitstring_overflow, relative_offset 27, oversize_length 2048;",
            Asn1.class);
    assertTrue(a.doubleOverflow());
    assertTrue(a.bitstringOverflow());
    assertEquals(27L, a.relativeOffset());
    assertEquals(2048L, a.oversizeLength());
    assertEquals(
        -1L, one("asn1:oversize_length 1024,relative_offset -1;", Asn1.class).relativeOffset());
    assertEquals(
        "asn1: absolute_offset and relative_offset are exclusive",
        bad("asn1:absolute_offset 1,relative_offset 2;"));
    assertEquals(Buffer.FTP_COMMAND, one("ftpbounce;", Ftpbounce.class).buffer());
    assertEquals("ftpbounce: takes no value, found 'yes'", bad("ftpbounce:yes;"));
  }

  @Test
  void stickyBufferWithoutMatchesIsRejected() {
    assertEquals(
        "file_data is not followed by any option that inspects it",
        bad("content:\"a\"; file_data;"));
  }
}
