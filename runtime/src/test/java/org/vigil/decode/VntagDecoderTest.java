package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import org.junit.jupiter.api.Test;

class VntagDecoderTest {
  @Test
  void nextTypeAfterTheTag() {
    byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[0]));
    assertTrue(
        Decoded.decode(
                LinkTypes.ETHERNET, ethernet(0x8926, concat(bytes(0, 1, 0, 2, 0x08, 0x00), ip)))
            .isUdp());
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8926, bytes(0, 1)))
            .hasEvent(DecodeEvent.VNTAG_HEADER_TOO_SMALL));
  }
}
