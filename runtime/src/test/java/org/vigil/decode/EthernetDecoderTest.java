package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import org.junit.jupiter.api.Test;

class EthernetDecoderTest {
  @Test
  void shortFrameIsAnEventAnd8023FramesStopQuietly() {
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, new byte[10])
            .hasEvent(DecodeEvent.ETHERNET_PKT_TOO_SMALL));
    Packet llc =
        Decoded.decode(LinkTypes.ETHERNET, concat(ethernet(0x0026, bytes(0x42, 0x42, 3, 0, 0))));
    assertEquals(0, llc.ipVersion());
    assertEquals(0, llc.eventCount());
    Packet ip =
        Decoded.decode(
            LinkTypes.ETHERNET,
            ethernet(0x0800, ipv4("1.2.3.4", "5.6.7.8", 17, udp(1, 2, new byte[0]))));
    assertTrue(ip.isUdp());
    assertTrue(Decoded.decode(99, new byte[40]).hasEvent(DecodeEvent.LINK_UNSUPPORTED));
  }
}
