package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.icmp;
import static org.vigil.testing.PacketBuilder.ipv4;

import org.junit.jupiter.api.Test;

class CiscoHdlcDecoderTest {
  @Test
  void protocolFieldLeadsToIp() {
    Packet p =
        Decoded.decode(
            LinkTypes.CISCO_HDLC,
            concat(
                bytes(0x0f, 0, 0x08, 0x00),
                ipv4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 1, 1, new byte[0]))));
    assertTrue(p.isIcmpv4());
    assertEquals("10.0.0.2", p.dstAddress());
    assertTrue(
        Decoded.decode(LinkTypes.CISCO_HDLC, bytes(0x0f, 0))
            .hasEvent(DecodeEvent.CHDLC_PKT_TOO_SMALL));
  }
}
