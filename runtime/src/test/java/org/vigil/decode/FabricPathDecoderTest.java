package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import org.junit.jupiter.api.Test;

class FabricPathDecoderTest {
  @Test
  void innerEthernetAfterTheTag() {
    byte[] inner = ethernet(0x0800, ipv4("1.1.1.6", "2.2.2.2", 17, udp(1, 2, new byte[0])));
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8903, concat(bytes(0x80, 0x3f), inner)))
            .isUdp());
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8903, bytes(1, 2, 3)))
            .hasEvent(DecodeEvent.DCE_PKT_TOO_SMALL));
  }
}
