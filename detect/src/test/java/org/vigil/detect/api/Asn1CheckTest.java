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
      deep[i + 1] = (byte) 0x80; // indefinite lengths are not decoded
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

  static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
