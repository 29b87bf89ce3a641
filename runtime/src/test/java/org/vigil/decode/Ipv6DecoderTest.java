package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.fragHeader;
import static org.vigil.testing.PacketBuilder.ipv6;
import static org.vigil.testing.PacketBuilder.optionsHeader;
import static org.vigil.testing.PacketBuilder.tcp;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv6DecoderTest {
  private static final byte[] TCP = tcp(40000, 443, 100, 0, 2, "x".getBytes());

  @Test
  void extensionHeadersAreWalkedToTcp() {
    byte[] hbh = optionsHeader(43, bytes(5, 2, 0, 0)); // router alert
    byte[] rh = bytes(60, 0, 4, 0, 0, 0, 0, 0); // routing type 4 (SRH-like), no segments
    byte[] dst = optionsHeader(6, new byte[0]);
    Packet p =
        Decoded.decode(
            LinkTypes.RAW,
            ipv6("2001:db8::1", "fe80::2", 0, concat(hbh, rh, dst), 6, TCP),
            DecodeConfig.defaults().withChecksums(true));
    assertEquals(6, p.ipVersion());
    assertEquals("2001:db8::1", p.srcAddress());
    assertEquals("fe80::2", p.dstAddress());
    assertEquals(64, p.ttl());
    assertTrue(p.isTcp());
    assertEquals(443, p.dstPort());
    assertEquals(40 + 24, p.ipHeaderLength());
    assertEquals(0, p.eventCount(), () -> Decoded.describe(p));
  }

  @Test
  void anomaliesInExtensionHeadersAreEvents() {
    byte[] rh0 = bytes(6, 0, 0, 0, 0, 0, 0, 0);
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 43, rh0, 6, TCP))
            .hasEvent(DecodeEvent.IPV6_EXTHDR_RH_TYPE_0));
    byte[] twoHbh = concat(optionsHeader(0, new byte[0]), optionsHeader(6, new byte[0]));
    Packet dup = Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 0, twoHbh, 6, TCP));
    assertTrue(dup.hasEvent(DecodeEvent.IPV6_EXTHDR_DUPL_HH));
    assertTrue(dup.isTcp());
    byte[] badOpt = optionsHeader(6, bytes(0x1e, 9));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 60, badOpt, 6, TCP))
            .hasEvent(DecodeEvent.IPV6_EXTHDR_INVALID_OPTLEN));
    byte[] longHdr = bytes(6, 3, 1, 4, 0, 0, 0, 0); // claims 32 bytes
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 0, longHdr, 6, new byte[0]))
            .hasEvent(DecodeEvent.IPV6_TRUNC_EXTHDR));
    byte[] full = ipv6("::1", "::2", 6, TCP);
    assertTrue(
        Decoded.decode(LinkTypes.RAW, Arrays.copyOf(full, 30))
            .hasEvent(DecodeEvent.IPV6_PKT_TOO_SMALL));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, Arrays.copyOf(full, full.length - 1))
            .hasEvent(DecodeEvent.IPV6_TRUNC_PKT));
    assertTrue(
        Decoded.decode(LinkTypes.IPV6, Decoded.decode(LinkTypes.RAW, full).data().clone()).isTcp());
  }

  @Test
  void fragmentHeaderMakesAFragmentAndAUselessOneIsSkipped() {
    Packet f =
        Decoded.decode(
            LinkTypes.RAW,
            ipv6("::1", "::2", 44, fragHeader(6, 8, true, 0xabcdef), 6, new byte[16]));
    assertTrue(f.isFragment());
    assertEquals(8, f.fragOffset());
    assertEquals(0xabcdef, f.ipId());
    assertEquals(6, f.ipProto());
    assertFalse(f.hasL4());
    Packet u =
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 44, fragHeader(6, 0, false, 1), 6, TCP));
    assertFalse(u.isFragment());
    assertTrue(u.hasEvent(DecodeEvent.IPV6_EXTHDR_USELESS_FH));
    assertTrue(u.isTcp());
  }

  @Test
  void ahIsSkippedAndEspEndsDecoding() {
    byte[] ah =
        bytes(6, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9); // 24 bytes
    Packet a = Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 51, ah, 6, TCP));
    assertTrue(a.isTcp());
    assertEquals(0, a.eventCount());
    // a zero length field still covers the 12-byte fixed part, as Suricata reads it (RFC: 8 bytes)
    byte[] ah0 = bytes(6, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1);
    Packet z = Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 51, ah0, 6, TCP));
    assertTrue(z.isTcp());
    assertEquals(TCP.length, z.payloadLength() + (z.payloadOffset() - z.l4Offset()));
    assertEquals(40000, z.srcPort());
    Packet e = Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 50, new byte[0], 50, new byte[32]));
    assertEquals(50, e.ipProto());
    assertFalse(e.hasL4());
    assertEquals(32, e.payloadLength());
  }

  @Test
  void icmpv4InsideIpv6IsAnEvent() {
    assertTrue(
        Decoded.decode(LinkTypes.RAW, ipv6("::1", "::2", 1, new byte[8]))
            .hasEvent(DecodeEvent.IPV6_WITH_ICMPV4));
  }
}
