package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import org.junit.jupiter.api.Test;

class NshDecoderTest {
  private static final byte[] IP = ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[0]));

  @Test
  void md2HeaderThenIpOrEthernet() {
    byte[] md2ip =
        concat(
            bytes(0x0f, 0x02, 0x02, 0x01, 0, 0, 1, 0xff),
            IP); // length 2 words, MD type 2, next IPv4
    assertTrue(Decoded.decode(LinkTypes.ETHERNET, ethernet(0x894f, md2ip)).isUdp());
    byte[] md1eth =
        concat(bytes(0x0f, 0x06, 0x01, 0x03, 0, 0, 1, 0xff), new byte[16], ethernet(0x0800, IP));
    assertTrue(Decoded.decode(LinkTypes.ETHERNET, ethernet(0x894f, md1eth)).isUdp());
  }

  @Test
  void malformedHeadersAreEvents() {
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x894f, bytes(0x40, 2, 2, 1, 0, 0, 0, 0)))
            .hasEvent(DecodeEvent.NSH_UNSUPPORTED_VERSION));
    assertTrue(
        Decoded.decode(
                LinkTypes.ETHERNET, ethernet(0x894f, concat(bytes(0, 2, 1, 1, 0, 0, 0, 0), IP)))
            .hasEvent(DecodeEvent.NSH_BAD_HEADER_LENGTH));
    assertTrue(
        Decoded.decode(
                LinkTypes.ETHERNET, ethernet(0x894f, concat(bytes(0, 2, 2, 0x77, 0, 0, 0, 0), IP)))
            .hasEvent(DecodeEvent.NSH_UNKNOWN_PAYLOAD));
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x894f, bytes(0, 9, 2, 1, 0, 0, 0, 0)))
            .hasEvent(DecodeEvent.NSH_HEADER_TOO_SMALL));
    byte[] loop = IP;
    for (int i = 0; i < 100; i++) loop = concat(bytes(0, 2, 2, 4, 0, 0, 0, 0), loop);
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x894f, loop))
            .hasEvent(DecodeEvent.TOO_MANY_LAYERS));
  }
}
