package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4DecoderTest {
  private static final byte[] UDP = udp(1000, 2000, "abc".getBytes());

  @Test
  void headerFieldsAreDecoded() {
    byte[] ip = ipv4("192.168.1.10", "8.8.4.4", 17, 0x1234, 0, false, 33, new byte[0], UDP);
    ip[1] = (byte) 0xb8;
    ip[6] = (byte) 0xc0; // reserved bit and DF (checksum is now stale; validation is off)
    Packet p = Decoded.decode(LinkTypes.RAW, ip);
    assertEquals(4, p.ipVersion());
    assertEquals("192.168.1.10", p.srcAddress());
    assertEquals("8.8.4.4", p.dstAddress());
    assertEquals(33, p.ttl());
    assertEquals(0xb8, p.tos());
    assertEquals(0x1234, p.ipId());
    assertTrue(p.dontFragment());
    assertTrue(p.reservedBit());
    assertEquals(0, p.ipOptionMask());
    assertFalse(p.isFragment());
    assertEquals(17, p.ipProto());
    assertTrue(p.isUdp());
    assertEquals(0, p.eventCount());
  }

  @Test
  void ethernetPaddingIsNotPayload() {
    byte[] frame = concat(ethernet(0x0800, ipv4("1.1.1.1", "2.2.2.2", 17, UDP)), new byte[20]);
    Packet p = Decoded.decode(LinkTypes.ETHERNET, frame);
    assertEquals(3, p.payloadLength());
    assertEquals("abc", new String(p.data(), p.payloadOffset(), p.payloadLength()));
  }

  @Test
  void optionsAreParsedAndBadOnesRaiseEvents() {
    byte[] rr = bytes(7, 7, 4, 0, 0, 0, 0, 1); // record route with one slot, then NOP
    Packet ok =
        Decoded.decode(LinkTypes.RAW, ipv4("1.1.1.1", "2.2.2.2", 17, 1, 0, false, 64, rr, UDP));
    assertTrue(ok.hasIpOptions());
    assertEquals(Packet.IPOPT_RR | Packet.IPOPT_NOP, ok.ipOptionMask());
    assertEquals(0, ok.eventCount());
    Packet lsrr =
        Decoded.decode(
            LinkTypes.RAW,
            ipv4("1.1.1.1", "2.2.2.2", 17, 1, 0, false, 64, bytes(1, 131, 7, 4, 9, 9, 9, 9), UDP));
    assertEquals(Packet.IPOPT_NOP | Packet.IPOPT_LSRR, lsrr.ipOptionMask());
    assertTrue(ok.isUdp());
    Packet badLen =
        Decoded.decode(
            LinkTypes.RAW,
            ipv4("1.1.1.1", "2.2.2.2", 17, 1, 0, false, 64, bytes(68, 1, 0, 0), UDP));
    assertTrue(badLen.hasEvent(DecodeEvent.IPV4_OPT_INVALID_LEN));
    assertTrue(badLen.isUdp(), "the packet goes on after a bad option");
    Packet overrun =
        Decoded.decode(
            LinkTypes.RAW,
            ipv4("1.1.1.1", "2.2.2.2", 17, 1, 0, false, 64, bytes(131, 40, 0, 0), UDP));
    assertTrue(overrun.hasEvent(DecodeEvent.IPV4_OPT_MALFORMED));
    Packet dup =
        Decoded.decode(
            LinkTypes.RAW,
            ipv4(
                "1.1.1.1", "2.2.2.2", 17, 1, 0, false, 64, bytes(148, 4, 0, 0, 148, 4, 0, 0), UDP));
    assertTrue(dup.hasEvent(DecodeEvent.IPV4_OPT_DUPLICATE));
  }

  @Test
  void headerChecksumIsCheckedOnlyWhenAskedFor() {
    byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 17, UDP);
    assertEquals(
        0,
        Decoded.decode(LinkTypes.RAW, ip, DecodeConfig.defaults().withChecksums(true))
            .eventCount());
    ip[10] ^= 0x55;
    assertFalse(Decoded.decode(LinkTypes.RAW, ip).hasEvent(DecodeEvent.IPV4_CHECKSUM_INVALID));
    Packet p = Decoded.decode(LinkTypes.RAW, ip, DecodeConfig.defaults().withChecksums(true));
    assertTrue(p.hasEvent(DecodeEvent.IPV4_CHECKSUM_INVALID));
    assertTrue(p.isUdp());
  }

  @Test
  void truncatedAndBadLengthsAreEvents() {
    byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 17, UDP);
    assertTrue(
        Decoded.decode(LinkTypes.RAW, Arrays.copyOf(ip, 12))
            .hasEvent(DecodeEvent.IPV4_PKT_TOO_SMALL));
    Packet cut = Decoded.decode(LinkTypes.RAW, Arrays.copyOf(ip, ip.length - 2));
    assertTrue(cut.hasEvent(DecodeEvent.IPV4_TRUNC_PKT));
    assertFalse(cut.hasL4());
    assertEquals("1.1.1.1", cut.srcAddress(), "addresses are still known");
    byte[] hl = ip.clone();
    hl[0] = 0x44;
    assertTrue(Decoded.decode(LinkTypes.RAW, hl).hasEvent(DecodeEvent.IPV4_HLEN_TOO_SMALL));
    byte[] tl = ip.clone();
    tl[2] = 0;
    tl[3] = 10;
    assertTrue(
        Decoded.decode(LinkTypes.RAW, tl).hasEvent(DecodeEvent.IPV4_IPLEN_SMALLER_THAN_HLEN));
    byte[] ver = ip.clone();
    ver[0] = 0x55;
    assertTrue(Decoded.decode(LinkTypes.IPV4, ver).hasEvent(DecodeEvent.IPV4_WRONG_IP_VER));
    assertTrue(Decoded.decode(LinkTypes.RAW, ver).hasEvent(DecodeEvent.IPRAW_INVALID_IPV));
  }

  @Test
  void fragmentsStopBeforeLayerFour() {
    Packet p =
        Decoded.decode(
            LinkTypes.RAW,
            ipv4("1.1.1.1", "2.2.2.2", 17, 5, 16, true, 64, new byte[0], new byte[8]));
    assertTrue(p.isFragment());
    assertTrue(p.moreFragments());
    assertEquals(16, p.fragOffset());
    assertFalse(p.hasL4());
  }

  @Test
  void ipInIpAnd6in4AreTunnelsWithTheirOwnTuple() {
    byte[] inner4 = ipv4("10.9.9.9", "10.8.8.8", 17, udp(53, 5353, new byte[2]));
    byte[] inner6 =
        org.vigil.testing.PacketBuilder.ipv6(
            "2001:db8::a", "2001:db8::b", 17, udp(7, 8, new byte[1]));
    assertEquals(
        java.util.List.of(
            "#1 d0 ip4 1.1.1.1:0 > 2.2.2.2:0 root",
            "#none d1 udp 10.9.9.9:53 > 10.8.8.8:5353",
            "#2 d0 ip41 1.1.1.1:0 > 2.2.2.2:0 root",
            "#none d1 udp 2001:db8::a:7 > 2001:db8::b:8"),
        Decoded.pipeline(
            LinkTypes.RAW,
            ipv4("1.1.1.1", "2.2.2.2", 4, inner4),
            ipv4("1.1.1.1", "2.2.2.2", 41, inner6)));
  }
}
