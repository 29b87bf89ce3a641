package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.opts;
import static org.vigil.compiler.front.Rules.rule;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.ByteMath;
import org.vigil.compiler.ir.Datarep;
import org.vigil.compiler.ir.DatasetMatch;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumberEncoding;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.Transform;

/** byte_math, dataset, datarep and the xor/pcrexform values as Suricata 7 parses them. */
class ByteMathDatasetKeywordsTest {
  @Test
  void byteMathPartsComeInAnyOrder() {
    ByteMath m =
        (ByteMath)
            opts("content:\"a\"; byte_math:result r, bytes 2, relative, oper <<, rvalue 3,"
                    + " offset -1, endian little, bitmask ff00;")
                .get(1);
    assertEquals(2, m.bytes());
    assertEquals(-1, m.offset());
    assertEquals(ByteMath.Operator.SHIFT_LEFT, m.operator());
    assertEquals(IntArg.of(3), m.rvalue());
    assertEquals("r", m.result());
    assertEquals(Endian.LITTLE, m.endian());
    assertEquals(0xff00L, m.bitmask());
    assertEquals(NumberEncoding.BINARY, m.encoding());
    ByteMath v =
        (ByteMath)
            opts("byte_extract:1,0,n; byte_math:bytes n, offset 0, oper /, rvalue n, result q,"
                    + " string hex; byte_test:1,=,q,0;")
                .get(1);
    assertEquals(new IntArg.Variable("n"), v.bytesVar());
    assertEquals(new IntArg.Variable("n"), v.rvalue());
    assertEquals(NumberEncoding.HEX, v.encoding());
  }

  @Test
  void byteMathRejectsWhatSuricataRejects() {
    assertEquals(
        "byte_math: bytes, offset, oper, rvalue and result are required",
        bad("byte_math:bytes 1, offset 0, oper +, rvalue 1, relative;"));
    assertEquals(
        "byte_math: at most 4 bytes can be read with << or >>",
        bad("byte_math:bytes 5, offset 0, oper <<, rvalue 1, result r;"));
    assertEquals(
        "byte_math: byte_math with dce is rejected by Suricata 7 (its string base is always set)",
        bad("byte_math:bytes 2, offset 0, oper +, rvalue 1, result r, dce;"));
    assertEquals(
        "byte_math: unknown byte_extract/byte_math variable 'x' used as rvalue",
        bad("byte_math:bytes 2, offset 0, oper +, rvalue x, result r;"));
    assertEquals(
        "byte_math: unknown oper '%' (use + - * / << >>)",
        bad("byte_math:bytes 2, offset 0, oper %, rvalue 1, result r;"));
    assertEquals(
        "byte_math: oper given twice",
        bad("byte_math:bytes 2, offset 0, oper +, oper -, rvalue 1, result r;"));
  }

  @Test
  void datasetAndDatarepTakeTheStickyBuffer() {
    DatasetMatch d =
        (DatasetMatch)
            opts("http.user_agent; dataset:set,ua-seen,type string,state ua.lst,memcap 1mb;")
                .get(1);
    assertEquals(DatasetMatch.Command.SET, d.command());
    assertEquals("ua-seen", d.name());
    assertEquals("string", d.type());
    assertEquals("ua.lst", d.load());
    assertEquals("ua.lst", d.save());
    assertEquals(1 << 20, d.memcap());
    assertEquals(Buffer.HTTP_USER_AGENT, d.buffer());
    DatasetMatch i = (DatasetMatch) opts("dns.query; dataset:isset,ua-seen;").get(1);
    assertNull(i.type());
    Datarep r = (Datarep) opts("dns.query; datarep:dns-rep, >, 20;").get(1);
    assertEquals(Datarep.Operator.GT, r.operator());
    assertEquals(20, r.value());
    assertEquals(
        "dataset is only supported for sticky buffers (dns.query, http.uri, ...)",
        bad("dataset:isset,a,type string;"));
    assertEquals(
        "dataset: unknown dataset command 'check' (set, isset, isnotset, unset)",
        bad("dns.query; dataset:check,a;"));
    assertEquals(
        "dataset: absolute paths are not allowed for save/state: /tmp/x.lst",
        bad("dns.query; dataset:set,a,type string,save /tmp/x.lst;"));
    assertEquals(
        "dataset: directory traversals are not allowed: ../x.lst",
        bad("dns.query; dataset:set,a,type string,state ../x.lst;"));
    assertEquals(
        "datarep: datarep with load needs a type", bad("dns.query; datarep:a, ==, 1, load x;"));
    assertEquals(
        "datarep: unknown datarep operator '>=' (>, <, ==)", bad("dns.query; datarep:a, >=, 1;"));
  }

  @Test
  void xorAndPcrexformValuesAndPrinting() {
    Transform x = (Transform) opts("http.uri; xor:\"0D0a\"; content:\"a\";").get(1);
    assertEquals("0d0a", x.argument());
    assertEquals(
        "xor: the xor key needs an even, non-zero number of hex digits",
        bad("http.uri; xor:\"0d0\"; content:\"a\";"));
    assertEquals(
        "xor: the xor key must be hex digits only, found 'zz'",
        bad("http.uri; xor:\"zz\"; content:\"a\";"));
    Transform p = (Transform) opts("http.uri; pcrexform:\"a(\\d+)\"; content:\"1\";").get(1);
    assertEquals("a(\\d+)", p.argument());
    String[] rules = {
      "alert tcp any any -> any any (http.uri; xor:\"0d0a\"; pcrexform:\"x=(\\w+)\\;\";"
          + " content:\"a\"; sid:1;)",
      "alert tcp any any -> any any (byte_math:bytes 2, offset 0, oper +, rvalue 1, result r,"
          + " string dec, bitmask 0xff; byte_test:1,=,r,0; sid:2;)",
      "alert tcp any any -> any any (dns.query; dataset:isnotset,s,type md5,state s.lst;"
          + " datarep:t, ==, 3; sid:3;)"
    };
    for (String text : rules) {
      Rule r = rule(text);
      Rule again = rule(RulePrinter.print(r));
      assertEquals(RulePrinter.print(r), RulePrinter.print(again), text);
      assertEquals(r.options().size(), again.options().size(), text);
    }
  }
}
