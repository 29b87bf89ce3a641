package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.icmp;
import static org.vigil.testing.PacketBuilder.ipv4;

import org.junit.jupiter.api.Test;

class Icmpv4DecoderTest {
  @Test
  void echoIdAndSequence() {
    Packet p =
        Decoded.decode(
            LinkTypes.RAW,
            ipv4("1.1.1.1", "2.2.2.2", 1, icmp(8, 0, 0x4242, 7, "ping".getBytes())),
            DecodeConfig.defaults().withChecksums(true));
    assertTrue(p.isIcmpv4());
    assertEquals(8, p.icmpType());
    assertEquals(0, p.icmpCode());
    assertTrue(p.hasIcmpIdSeq());
    assertEquals(0x4242, p.icmpId());
    assertEquals(7, p.icmpSeq());
    assertEquals(4, p.payloadLength());
    assertEquals(0, p.eventCount());
  }

  @Test
  void unknownTypesCodesAndShortQuotesAreEvents() {
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 1, icmp(77, 0, 0, 0, new byte[0])))
            .hasEvent(DecodeEvent.ICMPV4_UNKNOWN_TYPE));
    assertTrue(
        Decoded.decode(
                LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 1, icmp(3, 99, 0, 0, new byte[28])))
            .hasEvent(DecodeEvent.ICMPV4_UNKNOWN_CODE));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 1, icmp(3, 1, 0, 0, new byte[10])))
            .hasEvent(DecodeEvent.ICMPV4_IPV4_TRUNC_PKT));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 1, new byte[5]))
            .hasEvent(DecodeEvent.ICMPV4_PKT_TOO_SMALL));
    byte[] bad = ipv4("1.1.1.1", "2.2.2.2", 1, icmp(0, 0, 1, 1, new byte[4]));
    bad[bad.length - 1] = 9;
    assertTrue(
        Decoded.decode(LinkTypes.RAW, bad, DecodeConfig.defaults().withChecksums(true))
            .hasEvent(DecodeEvent.ICMPV4_CHECKSUM_INVALID));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 58, new byte[8]))
            .hasEvent(DecodeEvent.IPV4_WITH_ICMPV6));
  }
}
