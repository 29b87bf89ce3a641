package org.vigil.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;

/**
 * byte_math, the xor and pcrexform transforms and transformed buffer instances in generated code
 * (each run also checked against the reference interpreter by {@link Harness}).
 */
class ByteMathTransformChainTest {
  private static Harness h(String options) {
    return new Harness("alert tcp any any -> any any (msg:\"t\"; " + options + " sid:1;)\n");
  }

  private static InspectionContext bytes(int... b) {
    byte[] p = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      p[i] = (byte) b[i];
    }
    return Harness.tcp(p);
  }

  private static InspectionContext dns(String query) {
    InspectionContext c = Harness.tcp("");
    byte[] q = query.getBytes(StandardCharsets.ISO_8859_1);
    c.setBuffer(Buffers.DNS_QUERY, q, 0, q.length);
    return c;
  }

  @Test
  void theResultFeedsByteTestAndContentPositions() {
    // Suricata's documented example: 1 byte at offset 1 plus the extracted value, then byte_test
    Harness doc =
        h(
            "byte_extract:1,0,ext; byte_math:bytes 1, offset 1, oper +, rvalue ext, result var;"
                + " byte_test:2,=,var,13;");
    assertTrue(doc.matches(1, bytes(4, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10)));
    assertFalse(doc.matches(1, bytes(4, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10)));
    Harness offset =
        h("byte_math:bytes 1, offset 0, oper *, rvalue 2, result at; content:\"X\"; offset:at;");
    assertTrue(offset.matches(1, Harness.tcp("\u0002...X")), "2*2: X searched from 4");
    assertFalse(offset.matches(1, Harness.tcp("\u0002.X..")), "X before offset 4");
  }

  @Test
  void operatorsWorkOnUnsigned64BitValues() {
    assertTrue(
        h("byte_math:bytes 2, offset 0, oper -, rvalue 1, result r; byte_test:8,=,r,0,relative;")
            .matches(1, bytes(0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)),
        "0 - 1 wraps to 2^64-1");
    assertTrue(
        h("byte_math:bytes 1, offset 0, oper /, rvalue 3, result r; byte_test:1,=,r,1;")
            .matches(1, bytes(10, 3)));
    assertFalse(
        h("byte_math:bytes 1, offset 0, oper /, rvalue 0, result r; byte_test:1,>=,0,1;")
            .matches(1, bytes(10, 3)),
        "a division by 0 never matches");
    assertTrue(
        h("byte_math:bytes 1, offset 0, oper <<, rvalue 4, result r; byte_test:1,=,r,1;")
            .matches(1, bytes(3, 48)));
    assertTrue(
        h("byte_math:bytes 1, offset 0, oper >>, rvalue 1, result r; byte_test:1,=,r,1;")
            .matches(1, bytes(9, 4)));
  }

  @Test
  void relativeStringAndBitmaskForms() {
    Harness rel =
        h(
            "content:\"L=\"; byte_math:bytes 3, offset 0, oper +, rvalue 1, result n, relative,"
                + " string dec; content:\"!\"; distance:0; byte_test:1,=,n,0,relative;");
    assertTrue(rel.matches(1, Harness.tcp("xxL=099!d")), "99+1 = 'd', after the '!'");
    assertFalse(rel.matches(1, Harness.tcp("xxL=098!d")));
    Harness mask =
        h(
            "byte_math:bytes 2, offset 0, oper +, rvalue 0, result m, bitmask 0x0ff0, endian"
                + " little; byte_test:1,=,m,2;");
    assertTrue(mask.matches(1, bytes(0x34, 0x12, 0x23)), "0x1234 & 0x0ff0 >> 4 = 0x23");
    assertFalse(
        h("byte_math:bytes 5, offset 0, oper +, rvalue 0, result r;")
            .matches(1, bytes(1, 2, 3, 4, 5, 6)),
        "Suricata 7 reads at most 4 binary bytes at run time");
    assertFalse(
        h("byte_math:bytes 2, offset 1, oper +, rvalue 0, result r;").matches(1, bytes(1, 2)),
        "past the end of the buffer");
  }

  @Test
  void xorAndPcrexformTransformTheBuffer() {
    InspectionContext c = Harness.tcp("");
    byte[] uri = {'A' ^ 0x0d, 'B' ^ 0x0a, 'C' ^ 0x0d};
    c.setBuffer(Buffers.HTTP_URI, uri, 0, uri.length);
    assertTrue(h("http.uri; xor:\"0d0a\"; content:\"ABC\"; startswith;").matches(1, c));
    assertFalse(h("http.uri; xor:\"0a0d\"; content:\"ABC\";").matches(1, c));
    InspectionContext d = dns("user=alice;host=evil.example");
    assertTrue(
        h("dns.query; pcrexform:\"host=([a-z.]+)\"; content:\"evil.example\"; startswith; endswith;")
            .matches(1, d));
    assertTrue(
        h("dns.query; pcrexform:\"port=([0-9]+)\"; content:\"user=alice\"; startswith;")
            .matches(1, d),
        "no match: the buffer stays as it is");
    assertTrue(
        h("dns.query; to_uppercase; pcrexform:\"HOST=(\\w+)\"; content:\"EVIL\"; startswith;"
                + " endswith;")
            .matches(1, d),
        "steps in order: upper-cased, then the capture");
  }

  @Test
  void aTransformAfterInspectionStartsATransformedInstance() {
    // ET 2044076's shape: the first content and the pcre see dns.query as it is, the content after
    // dotprefix sees it with a leading dot
    Harness rust =
        h(
            "dns.query; content:\"rs-\"; startswith; fast_pattern; pcre:\"/[a-z]{2}/Ri\";"
                + " dotprefix; content:\".rustdesk.com\"; nocase; endswith;");
    assertTrue(rust.matches(1, dns("rs-ny.rustdesk.com")));
    assertFalse(rust.matches(1, dns("xrs-ny.rustdesk.com")), "rs- must start the raw query");
    assertFalse(rust.matches(1, dns("rs-ny.notrustdesk.com")));
    assertTrue(
        h("dns.query; content:\"a.b\"; startswith; to_uppercase; content:\"A.B\"; startswith;")
            .matches(1, dns("a.b.c")));
    assertFalse(
        h("dns.query; content:\"a.b\"; to_uppercase; content:\"a.b\";").matches(1, dns("a.b.c")),
        "the second instance is upper-cased");
  }
}
