package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import org.junit.jupiter.api.Test;

class PppoeDecoderTest {
  @Test
  void sessionCarriesIpAndDamageIsAnEvent() {
    byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[0]));
    int len = ip.length + 2;
    byte[] sess = concat(bytes(0x11, 0, 0, 7, len >> 8, len, 0, 0x21), ip);
    assertTrue(Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8864, sess)).isUdp());
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8864, bytes(0x11, 0, 0)))
            .hasEvent(DecodeEvent.PPPOE_PKT_TOO_SMALL));
    byte[] disc = bytes(0x11, 0x09, 0, 0, 0, 8, 1, 1, 0, 20, 0, 0, 0, 0); // tag claims 20 bytes
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8863, disc))
            .hasEvent(DecodeEvent.PPPOE_MALFORMED_TAGS));
  }
}
