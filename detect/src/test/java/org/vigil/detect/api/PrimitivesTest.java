package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrimitivesTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void findHonoursWindowAndCase() {
    byte[] d = b("__xAbCx__abc");
    assertEquals(3, Primitives.find(d, 0, 0, d.length, b("abc"), true));
    assertEquals(9, Primitives.find(d, 0, 0, d.length, b("abc"), false));
    assertEquals(-1, Primitives.find(d, 0, 0, 5, b("abc"), true), "must end inside the window");
    assertEquals(9, Primitives.find(d, 2, 0, d.length - 2, b("bc"), false) + 1, "base offset");
  }

  /**
   * The word-at-a-time search against a byte-by-byte one: random buffers over a small alphabet
   * (letters of both cases, their 0x20 neighbours '@' '`' '[' '{', digits), random windows, bases
   * and patterns cut from the buffer or made up, with and without nocase.
   */
  @Test
  void findEqualsANaiveSearchOnRandomBuffers() {
    java.util.Random rnd = new java.util.Random(20);
    byte[] alphabet = b("aAbB@`[{zZ0/ ");
    int found = 0;
    for (int round = 0; round < 40_000; round++) {
      byte[] d = new byte[rnd.nextInt(40)];
      for (int i = 0; i < d.length; i++) {
        d[i] = alphabet[rnd.nextInt(alphabet.length)];
      }
      int base = d.length == 0 ? 0 : rnd.nextInt(d.length);
      int len = d.length - base;
      int start = rnd.nextInt(len + 3) - 2;
      int end = rnd.nextInt(len + 1);
      boolean nocase = rnd.nextBoolean();
      byte[] pat = new byte[1 + rnd.nextInt(4)];
      int cut = len > pat.length && rnd.nextBoolean() ? base + rnd.nextInt(len - pat.length) : -1;
      for (int i = 0; i < pat.length; i++) {
        pat[i] = cut >= 0 ? d[cut + i] : alphabet[rnd.nextInt(alphabet.length)];
        if (nocase) {
          pat[i] = Primitives.lower(pat[i]);
        }
      }
      int want = naiveFind(d, base, start, end, pat, nocase);
      assertEquals(
          want,
          Primitives.find(d, base, start, end, pat, nocase),
          () ->
              new String(d, StandardCharsets.ISO_8859_1)
                  + " base "
                  + base
                  + " window "
                  + start
                  + ".."
                  + end
                  + " pattern "
                  + new String(pat, StandardCharsets.ISO_8859_1)
                  + " nocase "
                  + nocase);
      found += want >= 0 ? 1 : 0;
    }
    assertTrue(found > 3_000, "the rounds must find the pattern often: " + found);
  }

  private static int naiveFind(byte[] d, int base, int start, int end, byte[] pat, boolean nocase) {
    outer:
    for (int p = Math.max(0, start); p + pat.length <= end; p++) {
      for (int j = 0; j < pat.length; j++) {
        byte c = d[base + p + j];
        if ((nocase ? Primitives.lower(c) : c) != pat[j]) {
          continue outer;
        }
      }
      return p;
    }
    return -1;
  }

  @Test
  void numericReads() {
    byte[] d = {0x01, 0x02, 0x03, 0x04, '1', '2', 'f', 'z'};
    assertEquals(0x0102, Primitives.readBinary(d, 0, d.length, 0, 2, true));
    assertEquals(0x0201, Primitives.readBinary(d, 0, d.length, 0, 2, false));
    assertEquals(Primitives.BAD, Primitives.readBinary(d, 0, d.length, 7, 2, true));
    assertEquals(12, Primitives.readString(d, 0, d.length, 4, 2, 10));
    assertEquals(0x12f, Primitives.readString(d, 0, d.length, 4, 3, 16));
    assertEquals(
        12, Primitives.readString(d, 0, d.length, 4, 3, 10), "stops at the first non-digit");
    assertEquals(Primitives.BAD, Primitives.readString(d, 0, d.length, 7, 1, 10));
    byte[] n = b(" \r\n-1 x 18446744073709551615 18446744073709551616 +7");
    assertEquals(
        -1L,
        Primitives.readString(n, 0, n.length, 0, 5, 10),
        "strtoull: blanks, then -1 is 2^64-1");
    assertEquals(-1L, Primitives.readString(n, 0, n.length, 8, 20, 10), "2^64-1 fits");
    assertEquals(
        Primitives.BAD, Primitives.readString(n, 0, n.length, 29, 20, 10), "2^64 is out of range");
    byte[] top = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0};
    assertEquals(
        Primitives.BAD,
        Primitives.readBinary(top, 0, 8, 0, 8, true),
        "2^63 has the sentinel's bits");
    assertFalse(Primitives.readFailed(top, 0, 8, 0, 8, 0), "but it is a value");
    assertTrue(Primitives.readFailed(top, 0, 8, 1, 8, 0), "past the buffer's end the read fails");
    byte[] dec = "9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(Primitives.BAD, Primitives.readString(dec, 0, dec.length, 0, dec.length, 10));
    assertFalse(Primitives.readFailed(dec, 0, dec.length, 0, dec.length, 10));
    assertTrue(Primitives.readFailed(n, 0, n.length, 29, 20, 10), "2^64 fails");
    assertEquals(7, Primitives.readString(n, 0, n.length, 50, 2, 10));
    assertEquals(0x3, Primitives.applyMask(0xf0, 0x30));
  }

  @Test
  void base64AndSameIp() {
    InspectionContext c = new InspectionContext();
    byte[] d = b("xxaGVsbG8=");
    assertTrue(Primitives.base64Decode(c, d, 0, d.length, 2, 0));
    assertEquals(
        "hello",
        new String(
            c.data[Buffers.BASE64_DATA],
            0,
            c.len[Buffers.BASE64_DATA],
            StandardCharsets.ISO_8859_1));
    c.setIpv4(0x01020304, 0x01020304);
    assertTrue(Primitives.sameIp(c));
    c.setIpv4(0x01020304, 0x01020305);
    assertFalse(Primitives.sameIp(c));
  }

  @Test
  void addressSetsAndPcre() {
    AddressSet s =
        AddressSet.parse(new AddressSet(new long[] {0x0a000000L, 0x0affffffL}, new long[0]).spec());
    assertTrue(s.contains(new byte[] {10, 1, 2, 3}, 4));
    assertFalse(s.contains(new byte[] {11, 0, 0, 0}, 4));
    assertFalse(s.contains(new byte[16], 6));
    long r = PcreSupport.search(java.util.regex.Pattern.compile("b+"), b("aabbbc"), 0, 6, 0, false);
    assertEquals(2, PcreSupport.start(r));
    assertEquals(5, PcreSupport.end(r));
    assertEquals(
        -1, PcreSupport.search(java.util.regex.Pattern.compile("^b"), b("aabbbc"), 0, 6, 1, false));
    assertTrue(
        PcreSupport.search(java.util.regex.Pattern.compile("^b"), b("aabbbc"), 0, 6, 2, false) >= 0,
        "^ anchors at the relative start");
    assertEquals(
        -1,
        PcreSupport.search(java.util.regex.Pattern.compile("^b"), b("aabbbc"), 0, 6, 2, 3, false),
        "a retry further on in the same subject cannot match ^ again");
    assertEquals(
        4,
        PcreSupport.start(
            PcreSupport.search(
                java.util.regex.Pattern.compile("b"), b("aabbbc"), 0, 6, 2, 4, false)),
        "an unanchored pattern is found further on");
  }
}
