package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.tcp;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TcpDecoderTest {
  private static Packet seg(byte[] options, byte[] payload) {
    return Decoded.decode(
        LinkTypes.RAW,
        ipv4(
            "1.1.1.1",
            "2.2.2.2",
            6,
            tcp(
                1025,
                80,
                0xfffffff0,
                77,
                Packet.SYN | Packet.ACK | Packet.ECE,
                5840,
                options,
                payload)),
        DecodeConfig.defaults().withChecksums(true));
  }

  @Test
  void headerAndAllOptionsAreDecoded() {
    byte[] opts =
        bytes(
            2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 1, 0, 0, 0, 0, 9, 1, 3, 3, 7, 34, 2, 5, 18, 0, 0, 0,
            10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40);
    Packet p = seg(opts, "GET /".getBytes());
    assertTrue(p.isTcp());
    assertEquals(1025, p.srcPort());
    assertEquals(80, p.dstPort());
    assertEquals(0xfffffff0, p.tcpSeq());
    assertEquals(77, p.tcpAck());
    assertEquals(Packet.SYN | Packet.ACK | Packet.ECE, p.tcpFlags());
    assertEquals(5840, p.tcpWindow());
    assertEquals(1460, p.tcpMss());
    assertTrue(p.tcpSackPermitted());
    assertTrue(p.hasTcpTimestamp());
    assertEquals(256, p.tcpTsVal());
    assertEquals(9, p.tcpTsEcr());
    assertEquals(7, p.tcpWscale());
    assertTrue(p.tcpTfo());
    assertEquals(2, p.tcpSackBlocks());
    assertEquals(10, p.tcpSackLeft(0));
    assertEquals(40, p.tcpSackRight(1));
    assertEquals("GET /", new String(p.data(), p.payloadOffset(), p.payloadLength()));
    assertEquals(0, p.eventCount(), () -> Decoded.describe(p));
  }

  @Test
  void absentOptionsReadAsMinusOne() {
    Packet p = seg(new byte[0], new byte[0]);
    assertEquals(-1, p.tcpMss());
    assertEquals(-1, p.tcpWscale());
    assertFalse(p.hasTcpTimestamp());
    assertFalse(p.tcpSackPermitted());
    assertEquals(0, p.payloadLength());
  }

  @Test
  void badOptionsAreEventsAndThePacketGoesOn() {
    Packet len = seg(bytes(2, 3, 5), "z".getBytes());
    assertTrue(len.hasEvent(DecodeEvent.TCP_OPT_INVALID_LEN));
    assertEquals(-1, len.tcpMss());
    assertEquals(1, len.payloadLength());
    Packet overrun = seg(bytes(8, 30, 0, 0), new byte[0]);
    assertTrue(overrun.hasEvent(DecodeEvent.TCP_OPT_INVALID_LEN));
    Packet dup = seg(bytes(2, 4, 1, 0, 2, 4, 2, 0), new byte[0]);
    assertTrue(dup.hasEvent(DecodeEvent.TCP_OPT_DUPLICATE));
  }

  @Test
  void shortHeadersAndBadChecksumsAreEvents() {
    byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 3, 4, Packet.ACK, "data".getBytes()));
    byte[] urg = ip.clone();
    urg[20 + 19] = 3;
    assertEquals(3, Decoded.decode(LinkTypes.RAW, urg).tcpUrgentPointer());
    byte[] shortTcp =
        ipv4("1.1.1.1", "2.2.2.2", 6, Arrays.copyOf(tcp(1, 2, 3, 4, 2, new byte[0]), 12));
    assertTrue(Decoded.decode(LinkTypes.RAW, shortTcp).hasEvent(DecodeEvent.TCP_PKT_TOO_SMALL));
    byte[] hl = ip.clone();
    hl[20 + 12] = 0x40;
    assertTrue(Decoded.decode(LinkTypes.RAW, hl).hasEvent(DecodeEvent.TCP_INVALID_OPTLEN));
    byte[] big = ip.clone();
    big[20 + 12] = (byte) 0xf0;
    assertTrue(Decoded.decode(LinkTypes.RAW, big).hasEvent(DecodeEvent.TCP_HLEN_TOO_SMALL));
    byte[] bad = ip.clone();
    bad[bad.length - 1] ^= 1;
    assertFalse(Decoded.decode(LinkTypes.RAW, bad).hasEvent(DecodeEvent.TCP_CHECKSUM_INVALID));
    assertTrue(
        Decoded.decode(LinkTypes.RAW, bad, DecodeConfig.defaults().withChecksums(true))
            .hasEvent(DecodeEvent.TCP_CHECKSUM_INVALID));
    assertEquals(
        0,
        Decoded.decode(LinkTypes.RAW, ip, DecodeConfig.defaults().withChecksums(true))
            .eventCount());
  }
}
