package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.tcp;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreDecoderTest {
  private static final byte[] INNER =
      ipv4("192.168.0.1", "192.168.0.2", 6, tcp(1111, 80, 1, 0, 2, new byte[0]));
  private static final String INNER_TEXT = "#none d1 tcp 192.168.0.1:1111 > 192.168.0.2:80";

  private static byte[] outer(byte[] gre) {
    return ipv4("10.0.0.1", "10.0.0.2", 47, gre);
  }

  @Test
  void greCarriesIpWithItsOwnTupleAndNoRecordNumber() {
    byte[] gre = concat(bytes(0x20, 0, 0x08, 0x00, 0, 0, 0, 42), INNER); // key present
    assertEquals(
        List.of("#1 d0 ip47 10.0.0.1:0 > 10.0.0.2:0 root", INNER_TEXT),
        Decoded.pipeline(LinkTypes.RAW, outer(gre)));
  }

  @Test
  void greWithinGreNestsTwoLevels() {
    byte[] innerGre = ipv4("172.16.0.1", "172.16.0.2", 47, concat(bytes(0, 0, 0x08, 0), INNER));
    List<String> seen =
        Decoded.pipeline(LinkTypes.RAW, outer(concat(bytes(0, 0, 0x08, 0), innerGre)));
    assertEquals(
        List.of(
            "#1 d0 ip47 10.0.0.1:0 > 10.0.0.2:0 root",
            "#none d1 ip47 172.16.0.1:0 > 172.16.0.2:0 root",
            "#none d2 tcp 192.168.0.1:1111 > 192.168.0.2:80"),
        seen);
  }

  @Test
  void erspanTypesOneAndTwoAreDecodedTypeThreeIsNotAsInSuricata7() {
    byte[] eth = ethernet(0x0800, INNER);
    byte[] typeI = concat(bytes(0, 0, 0x88, 0xbe), eth);
    byte[] typeII =
        concat(bytes(0x10, 0, 0x88, 0xbe, 0, 0, 0, 1), bytes(0x10, 0x05, 0, 0x64, 0, 0, 0, 0), eth);
    byte[] typeIII =
        concat(
            bytes(0x10, 0, 0x22, 0xeb, 0, 0, 0, 1),
            bytes(0x20, 0x05, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0),
            eth);
    byte[] typeIIIsub =
        concat(
            bytes(0x10, 0, 0x22, 0xeb, 0, 0, 0, 1),
            bytes(0x20, 0x05, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 1),
            new byte[8],
            eth);
    for (byte[] g : List.of(typeI, typeII)) {
      List<String> seen = Decoded.pipeline(LinkTypes.RAW, outer(g));
      assertEquals(INNER_TEXT, seen.get(1));
    }
    for (byte[] g : List.of(typeIII, typeIIIsub)) {
      assertEquals(
          List.of("#1 d0 ip47 10.0.0.1:0 > 10.0.0.2:0"), Decoded.pipeline(LinkTypes.RAW, outer(g)));
    }
    byte[] badVersion =
        concat(bytes(0x10, 0, 0x88, 0xbe, 0, 0, 0, 1), bytes(0x70, 0, 0, 0, 0, 0, 0, 0), eth);
    assertTrue(
        Decoded.pipeline(LinkTypes.RAW, outer(badVersion))
            .get(0)
            .contains("ERSPAN_UNSUPPORTED_VERSION"));
  }

  @Test
  void pptpEnhancedGreCarriesPpp() {
    byte[] gre =
        concat(
            bytes(0x30, 0x01, 0x88, 0x0b, 0, 10, 0, 7, 0, 0, 0, 1),
            bytes(0xff, 0x03, 0x00, 0x21),
            INNER);
    assertEquals(INNER_TEXT, Decoded.pipeline(LinkTypes.RAW, outer(gre)).get(1));
  }

  @Test
  void malformedGreIsAnEvent() {
    assertTrue(
        Decoded.pipeline(LinkTypes.RAW, outer(bytes(0, 3, 8, 0, 0, 0)))
            .get(0)
            .contains("GRE_WRONG_VERSION"));
    assertTrue(
        Decoded.pipeline(LinkTypes.RAW, outer(bytes(0xb0, 0, 8, 0, 0, 0)))
            .get(0)
            .contains("GRE_VERSION0_HDR_TOO_BIG"));
    assertTrue(
        Decoded.pipeline(LinkTypes.RAW, outer(bytes(0, 0))).get(0).contains("GRE_PKT_TOO_SMALL"));
    assertTrue(
        Decoded.pipeline(LinkTypes.RAW, outer(concat(bytes(0x20, 1, 8, 0, 0, 0, 0, 0), INNER)))
            .get(0)
            .contains("GRE_VERSION1_WRONG_PROTOCOL"));
  }
}
