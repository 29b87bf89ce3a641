package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The asn1 keyword's BER checks on hand-made encodings (Suricata 7's own examples among them). */
class Asn1CheckTest {
  /** X.690 appendix A.3's personnel record (a 133-byte application-tagged constructed object). */
  private static final byte[] A3 =
      hex(
          "60818561101a044a6f686e1a01501a05536d697468a00a1a084469726563746f72"
              + "420133a10a43083139373130393137a21261101a044d6172791a01541a05536d697468"
              + "a342311f61111a0552616c70681a01541a05536d697468a00a43083139353731313131"
              + "311f61111a05537573616e1a01421a054a6f6e6573a00a43083139353930373137");

  private static boolean check(byte[] b, int checks, long oversize, int mode, long offset) {
    return Asn1Check.matches(b, 0, b.length, 0, checks, oversize, mode, offset);
  }

  @Test
  void oversizeLengthComparesTheDeclaredLength() {
    assertTrue(check(A3, Asn1Check.OVERSIZE_LENGTH, 132, Asn1Check.ABSOLUTE, 0));
    assertFalse(check(A3, Asn1Check.OVERSIZE_LENGTH, 133, Asn1Check.ABSOLUTE, 0));
  }

  @Test
  void bitstringOverflowWhenUnusedBitsExceedTheLength() {
    assertTrue(check(hex("0301ff"), Asn1Check.BITSTRING_OVERFLOW, 0, Asn1Check.ABSOLUTE, 0));
    assertFalse(check(hex("030107"), Asn1Check.BITSTRING_OVERFLOW, 0, Asn1Check.ABSOLUTE, 0));
  }

  @Test
  void doubleOverflowOnALongDecimalReal() {
    byte[] b = new byte[261];
    Arrays.fill(b, (byte) 5);
    b[0] = 0x09;
    b[1] = (byte) 0x82;
    b[2] = 0x01;
    b[3] = 0x01; // 257 bytes
    assertTrue(check(b, Asn1Check.DOUBLE_OVERFLOW, 0, Asn1Check.ABSOLUTE, 0));
    b[3] = 0x00; // 256 bytes (the last byte is left over and does not decode)
    assertFalse(check(b, Asn1Check.DOUBLE_OVERFLOW, 0, Asn1Check.ABSOLUTE, 0));
  }

  @Test
  void objectsInsideSequencesAreChecked() {
    // SEQUENCE { INTEGER 1, BIT STRING with 255 unused bits }
    assertTrue(check(hex("3006020101" + "0301ff"), Asn1Check.BITSTRING_OVERFLOW, 0, 0, 0));
  }

  @Test
  void anIncompleteObjectIsNotChecked() {
    // a 5-byte length with 2 bytes present: the object does not decode
    assertFalse(check(hex("04050102"), Asn1Check.OVERSIZE_LENGTH, 1, Asn1Check.ABSOLUTE, 0));
  }

  @Test
  void offsetsPickTheStart() {
    byte[] b = hex("41420301ff");
    assertFalse(check(b, Asn1Check.BITSTRING_OVERFLOW, 0, Asn1Check.ABSOLUTE, 0));
    assertTrue(check(b, Asn1Check.BITSTRING_OVERFLOW, 0, Asn1Check.ABSOLUTE, 2));
    // relative to the cursor (after "AB"), and a negative relative offset
    assertTrue(Asn1Check.matches(b, 0, b.length, 2, Asn1Check.BITSTRING_OVERFLOW, 0, 2, 0));
    assertTrue(Asn1Check.matches(b, 0, b.length, 3, Asn1Check.BITSTRING_OVERFLOW, 0, 2, -1));
    assertFalse(Asn1Check.matches(b, 0, b.length, 0, Asn1Check.BITSTRING_OVERFLOW, 0, 2, -1));
    assertFalse(check(b, Asn1Check.BITSTRING_OVERFLOW, 0, Asn1Check.ABSOLUTE, 5));
  }

  @Test
  void nestingPastTheBoundDecodesNothing() {
    int depth = Asn1Check.MAX_FRAMES + 5;
    byte[] b = new byte[2 * depth + 3];
    for (int i = 0; i < depth; i++) {
      b[2 * i] = 0x30;
      b[2 * i + 1] = (byte) (b.length - 2 * i - 2);
    }
    b[2 * depth] = 0x03;
    b[2 * depth + 1] = 0x01;
    b[2 * depth + 2] = (byte) 0xff;
    assertFalse(check(b, Asn1Check.BITSTRING_OVERFLOW, 0, 0, 0));
    // a long chain of objects deeper than any stack is refused the same way, without recursion
    byte[] deep = new byte[200_000];
    for (int i = 0; i + 1 < deep.length; i += 2) {
      deep[i] = 0x30;
      deep[i + 1] = (byte) 0x80; // indefinite lengths: their end is searched 50 levels deep
    }
    assertFalse(check(deep, Asn1Check.OVERSIZE_LENGTH, 0, 0, 0));
  }

  @Test
  void moreTopLevelObjectsThanTheBoundDecodeNothing() {
    byte[] many = new byte[2 * (Asn1Check.MAX_FRAMES + 1)];
    for (int i = 0; i < many.length; i += 2) {
      many[i] = 0x04;
      many[i + 1] = 0x00;
    }
    many[many.length - 1] = 0; // all empty OCTET STRINGs
    assertFalse(check(many, Asn1Check.OVERSIZE_LENGTH, -1, 0, 0));
    byte[] fewer = Arrays.copyOf(many, 2 * Asn1Check.MAX_FRAMES);
    assertTrue(check(fewer, Asn1Check.OVERSIZE_LENGTH, -1, 0, 0));
  }

  /** An OCTET STRING of 3 bytes: it fails oversize_length 2 once decoding reaches it. */
  private static final String BIG = "0403414243";

  private static boolean reachesBig(String before) {
    return check(hex(before + BIG), Asn1Check.OVERSIZE_LENGTH, 2, Asn1Check.ABSOLUTE, 0);
  }

  @Test
  void typesAreValidatedAsSuricatasDecoderDoes() {
    assertTrue(reachesBig("0501ff"), "a NULL with content decodes");
    assertTrue(reachesBig("0101ff"), "a BOOLEAN of one byte");
    assertFalse(reachesBig("010200ff"), "a BOOLEAN of two bytes does not");
    assertTrue(reachesBig("130141"), "PrintableString 'A'");
    assertFalse(reachesBig("13012a"), "'*' is not printable");
    assertTrue(reachesBig("1b024141"), "GeneralString of ASCII");
    assertFalse(reachesBig("1b02c3a9"), "GeneralString is ASCII only");
    assertTrue(reachesBig("0c02c3a9"), "UTF8String 'é'");
    assertFalse(reachesBig("0c01c3"), "cut UTF-8");
    assertFalse(reachesBig("330141"), "a constructed PrintableString");
    assertFalse(reachesBig("0300"), "a BIT STRING without its unused-bits byte");
    assertTrue(reachesBig("0a0400000001"), "ENUMERATED 1");
    assertFalse(reachesBig("0a050100000000"), "ENUMERATED past 32 bits");
    assertFalse(reachesBig("1003020101"), "a primitive SEQUENCE");
    assertFalse(reachesBig("30031301" + "2a"), "a SEQUENCE with a bad element");
    assertTrue(reachesBig("a0031301" + "2a"), "a context-specific object is opaque");
  }

  @Test
  void timesMustParse() {
    assertTrue(reachesBig("180f" + ascii("20150119230015Z")));
    assertTrue(reachesBig("1811" + ascii("20150119230015.5Z")));
    assertTrue(reachesBig("180e" + ascii("20150119230015")), "no zone");
    assertFalse(reachesBig("180c" + ascii("201501192300")), "minutes and nothing after");
    assertFalse(reachesBig("180f" + ascii("20151319230015Z")), "month 13");
    assertFalse(reachesBig("180f" + ascii("20150119230015.")), "a dot without digits");
    assertTrue(reachesBig("1810" + ascii("20150119230015.Z")), "a dot before the zone");
    assertTrue(reachesBig("170b" + ascii("9901011200Z")));
    assertFalse(reachesBig("170a" + ascii("9901011200")), "UTCTime needs its zone");
    assertFalse(reachesBig("170f" + ascii("9901011200+0100")), "+0 read as the seconds");
  }

  @Test
  void lengthsAndIdentifiers() {
    assertTrue(reachesBig("0482000141"), "a long-form length with a leading zero");
    assertTrue(reachesBig("048900000000000000000141"), "nine length bytes, leading zeros");
    assertFalse(reachesBig("04ff0141"), "length byte 0xFF is reserved");
    assertFalse(reachesBig("0480410000"), "a primitive object with an indefinite length");
    assertTrue(reachesBig("1f810001" + "41"), "a two-byte tag number");
    assertTrue(reachesBig("5f8181818101" + "0141"), "five tag bytes");
    assertFalse(reachesBig("5f818181818101" + "0141"), "six are too many");
  }

  @Test
  void indefiniteLengthsRunToTheirEndOfContents() {
    assertTrue(reachesBig("3080" + "020101" + "0000"));
    assertTrue(reachesBig("3080" + "020101" + "8000"), "any tag 0 of length 0 ends it");
    assertFalse(reachesBig("3080" + "020101"), "no end: nothing after it decodes");
    // the objects inside are checked, the indefinite one itself has no length to compare
    assertTrue(
        check(hex("3080" + BIG + "0000"), Asn1Check.OVERSIZE_LENGTH, 2, Asn1Check.ABSOLUTE, 0));
    assertFalse(
        check(hex("3080" + "0401410000"), Asn1Check.OVERSIZE_LENGTH, 2, Asn1Check.ABSOLUTE, 0));
  }

  private static String ascii(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(String.format("%02x", (int) c));
    }
    return b.toString();
  }

  static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
