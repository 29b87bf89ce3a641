package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.ipv6;
import static org.vigil.testing.PacketBuilder.udp;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdpDecoderTest {
  @Test
  void portsPayloadAndChecksum() {
    byte[] ip = ipv6("2001:db8::1", "2001:db8::2", 17, udp(5353, 53, "q".getBytes()));
    Packet p = Decoded.decode(LinkTypes.RAW, ip, DecodeConfig.defaults().withChecksums(true));
    assertTrue(p.isUdp());
    assertEquals(5353, p.srcPort());
    assertEquals(53, p.dstPort());
    assertEquals(1, p.payloadLength());
    assertEquals(0, p.eventCount());
    ip[ip.length - 1] = 'r';
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ip, DecodeConfig.defaults().withChecksums(true))
            .hasEvent(DecodeEvent.UDP_CHECKSUM_INVALID));
  }

  @Test
  void badLengthsAreEvents() {
    byte[] u = udp(1, 2, new byte[10]);
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 17, Arrays.copyOf(u, 6)))
            .hasEvent(DecodeEvent.UDP_HLEN_TOO_SMALL));
    byte[] longer = u.clone();
    longer[5] = 40;
    Packet p = Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 17, longer));
    assertTrue(p.hasEvent(DecodeEvent.UDP_PKT_TOO_SMALL));
    assertFalse(p.hasL4());
    byte[] tiny = u.clone();
    tiny[5] = 4;
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 17, tiny))
            .hasEvent(DecodeEvent.UDP_LEN_INVALID));
    byte[] shorter = u.clone();
    shorter[5] = 12;
    Packet s = Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 17, shorter));
    assertTrue(s.hasEvent(DecodeEvent.UDP_HLEN_INVALID));
    assertEquals(4, s.payloadLength());
  }
}
