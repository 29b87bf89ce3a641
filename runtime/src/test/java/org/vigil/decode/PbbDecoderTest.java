package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import org.junit.jupiter.api.Test;

class PbbDecoderTest {
  private static final byte[] INNER =
      ethernet(0x0800, ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[0])));

  @Test
  void customerFrameAfterTheITag() {
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x88e7, concat(bytes(0, 0, 0, 5), INNER)))
            .isUdp());
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x88e7, bytes(0, 0, 0, 5, 1)))
            .hasEvent(DecodeEvent.IEEE8021AH_HEADER_TOO_SMALL));
  }

  @Test
  void recursiveEncapsulationStopsWithAnEvent() {
    byte[] f = INNER;
    for (int i = 0; i < 2000; i++) f = ethernet(0x88e7, concat(bytes(0, 0, 0, 5), f));
    Packet p = Decoded.decode(LinkTypes.ETHERNET, f);
    assertTrue(p.hasEvent(DecodeEvent.TOO_MANY_LAYERS));
    assertFalse(p.isUdp());
  }
}
