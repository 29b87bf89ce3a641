package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;
import static org.vigil.compiler.front.Rules.opts;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.ByteExtract;
import org.vigil.compiler.ir.ByteJump;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumberEncoding;

class ByteKeywordsTest {

  @Test
  void byteTestForms() {
    ByteTest t = one("byte_test:1,!&,0xF8,2;", ByteTest.class);
    assertEquals(1, t.bytes());
    assertTrue(t.negated());
    assertEquals(ByteTest.Operator.AND, t.operator());
    assertEquals(IntArg.of(0xF8), t.value());
    assertEquals(IntArg.of(2), t.offset());
    assertEquals(Endian.BIG, t.endian());
    assertEquals(NumberEncoding.BINARY, t.encoding());
    ByteTest s =
        one("byte_test:5,>,256,-3,string,dec,relative,little,bitmask 0x3ff;", ByteTest.class);
    assertEquals(NumberEncoding.DEC, s.encoding());
    assertEquals(IntArg.of(-3), s.offset());
    assertTrue(s.relative());
    assertEquals(Endian.LITTLE, s.endian());
    assertEquals(0x3ffL, s.bitmask());
    assertEquals(
        NumberEncoding.HEX, one("byte_test:2,=,10,0,string,hex;", ByteTest.class).encoding());
    assertEquals(NumberEncoding.DEC, one("byte_test:2,=,10,0,string;", ByteTest.class).encoding());
    ByteTest ne = one("byte_test:2,!=,10,0;", ByteTest.class);
    assertTrue(ne.negated());
    assertEquals(ByteTest.Operator.EQ, ne.operator());
    for (String op : new String[] {"<", ">", "<=", ">=", "=", "&", "^"}) {
      assertEquals(op, one("byte_test:1," + op + ",1,0;", ByteTest.class).operator().text());
    }
    assertTrue(one("byte_test:4,>,256,0,dce;", ByteTest.class).dce());
  }

  @Test
  void byteJumpForms() {
    ByteJump j =
        one(
            "byte_jump:4,-10,relative,little,from_beginning,post_offset -1,multiplier 2,align;",
            ByteJump.class);
    assertEquals(4, j.bytes());
    assertEquals(IntArg.of(-10), j.offset());
    assertTrue(j.relative());
    assertEquals(Endian.LITTLE, j.endian());
    assertTrue(j.fromBeginning());
    assertFalse(j.fromEnd());
    assertEquals(IntArg.of(-1), j.postOffset());
    assertEquals(2, j.multiplier());
    assertTrue(j.align());
    assertEquals(Buffer.PKT_DATA, j.buffer());
    ByteJump e = one("byte_jump:2,0,from_end,string,oct,bitmask 0xff;", ByteJump.class);
    assertEquals(NumberEncoding.OCT, e.encoding());
    assertEquals(0xffL, e.bitmask());
    assertTrue(one("byte_jump:4,-4,relative,align,dce;", ByteJump.class).dce());
    assertEquals(
        "byte_jump: dce cannot be combined with big/little or string",
        bad("byte_jump:4,0,dce,little;"));
    assertTrue(e.fromEnd());
    assertNull(e.postOffset());
  }

  @Test
  void byteJumpOfZeroBytesOnlyMoves() {
    ByteJump j = (ByteJump) opts("content:\"a\"; byte_jump:0,0,relative,post_offset -8;").get(1);
    assertEquals(0, j.bytes());
    assertEquals(IntArg.of(-8), j.postOffset());
  }

  @Test
  void byteTestOfZeroBytesIsAStringToTheEnd() {
    ByteTest t = one("byte_test:0,>=,33554431,0,string,dec,relative;", ByteTest.class);
    assertEquals(0, t.bytes());
    assertTrue(t.relative());
  }

  @Test
  void byteExtractAndVariables() {
    var o =
        opts(
            "byte_extract:2,1,len,relative,multiplier 4,little,align 2; byte_test:1,>,len,len;"
                + " byte_jump:1,len; isdataat:len,relative;");
    ByteExtract x = (ByteExtract) o.get(0);
    assertEquals("len", x.name());
    assertEquals(4, x.multiplier());
    assertEquals(2, x.align());
    ByteTest t = (ByteTest) o.get(1);
    assertEquals(new IntArg.Variable("len"), t.value());
    assertEquals(new IntArg.Variable("len"), t.offset());
    assertEquals(new IntArg.Variable("len"), ((ByteJump) o.get(2)).offset());
    assertEquals(
        "SSL.Client_Hello.length",
        one("byte_extract:3,0,SSL.Client_Hello.length,relative;", ByteExtract.class).name());
  }

  @Test
  void malformedValues() {
    assertEquals(
        "byte_test: expected bytes,operator,value,offset[,options], found '1,>,2'",
        bad("byte_test:1,>,2;"));
    assertEquals(
        "byte_test: invalid operator '~' (use < > <= >= = & ^, optionally with !)",
        bad("byte_test:1,~,2,0;"));
    assertEquals(
        "byte_test: number of bytes 24 is out of range [0, 23]", bad("byte_test:24,>,2,0,string;"));
    assertEquals(
        "byte_extract: number of bytes 0 is out of range [1, 23]", bad("byte_extract:0,0,v;"));
    assertEquals(
        "byte_test: at most 8 bytes can be read as a binary number, found 9",
        bad("byte_test:9,>,2,0;"));
    assertEquals("byte_test: unknown option 'sideways'", bad("byte_test:1,>,2,0,sideways;"));
    assertEquals("byte_test: hex/dec/oct need 'string'", bad("byte_test:1,>,2,0,hex;"));
    assertEquals(
        "byte_test: unknown byte_extract variable 'nope' used as value",
        bad("byte_test:1,>,nope,0;"));
    assertEquals("byte_jump: expected bytes,offset[,options], found '4'", bad("byte_jump:4;"));
    assertEquals(
        "byte_jump: from_beginning and from_end are exclusive",
        bad("byte_jump:4,0,from_beginning,from_end;"));
    assertEquals("byte_jump: endianness given twice", bad("byte_jump:4,0,big,little;"));
    assertEquals("byte_extract: variable name expected, found '12'", bad("byte_extract:1,0,12;"));
    assertEquals("byte_extract: align must be 2 or 4", bad("byte_extract:1,0,n,align 3;"));
    assertEquals(
        "byte_extract: unknown option 'from_beginning'", bad("byte_extract:1,0,n,from_beginning;"));
  }
}
