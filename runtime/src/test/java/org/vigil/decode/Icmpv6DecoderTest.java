package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.icmp;
import static org.vigil.testing.PacketBuilder.ipv6;

import org.junit.jupiter.api.Test;

class Icmpv6DecoderTest {
  @Test
  void echoAndNeighbourDiscovery() {
    Packet p =
        Decoded.decode(
            LinkTypes.RAW,
            ipv6("fe80::1", "ff02::1", 58, icmp(128, 0, 9, 10, new byte[3])),
            DecodeConfig.defaults().withChecksums(true));
    assertTrue(p.isIcmpv6());
    assertEquals(128, p.icmpType());
    assertEquals(9, p.icmpId());
    assertEquals(10, p.icmpSeq());
    assertEquals(0, p.eventCount());
    Packet ns =
        Decoded.decode(
            LinkTypes.RAW, ipv6("fe80::1", "ff02::1", 58, icmp(135, 0, 0, 0, new byte[16])));
    assertEquals(0, ns.eventCount());
  }

  @Test
  void anomaliesAreEvents() {
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 58, icmp(200, 0, 0, 0, new byte[0])))
            .hasEvent(DecodeEvent.ICMPV6_UNKNOWN_TYPE));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 58, icmp(1, 9, 0, 0, new byte[40])))
            .hasEvent(DecodeEvent.ICMPV6_UNKNOWN_CODE));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 58, icmp(1, 0, 0, 0, new byte[12])))
            .hasEvent(DecodeEvent.ICMPV6_IPV6_TRUNC_PKT));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 58, new byte[4]))
            .hasEvent(DecodeEvent.ICMPV6_PKT_TOO_SMALL));
    byte[] bad = ipv6("::1", "::2", 58, icmp(129, 0, 1, 1, new byte[2]));
    bad[bad.length - 1] = 1;
    assertTrue(
        Decoded.decode(LinkTypes.RAW, bad, DecodeConfig.defaults().withChecksums(true))
            .hasEvent(DecodeEvent.ICMPV6_CHECKSUM_INVALID));
  }
}
