package org.vigil.verdict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vigil.decode.Packet;

class RejectPacketBuilderTest {

  private static final byte[] REQUEST =
      "GET /evil HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final RejectPacketBuilder builder = new RejectPacketBuilder();

  private byte[] bytes(int from, int to) {
    return Arrays.copyOfRange(builder.buffer().array(), from, to);
  }

  @Test
  void resetTowardTheClientIsWhatItsStackExpects() {
    ByteBuffer p =
        TestPackets.tcp4("10.231.1.2", 40000, "10.231.2.2", 8080, 1000, 7000, 0x18, REQUEST);
    Packet h = TestPackets.decoded(p);
    int len = builder.tcpReset(h, true);
    assertEquals(40, len);
    ByteBuffer out = builder.buffer();
    assertEquals(0x45, out.get(0));
    assertEquals(40, out.getShort(2));
    assertEquals(6, out.get(9));
    assertArrayEquals(TestPackets.ip4("10.231.2.2"), bytes(12, 16));
    assertArrayEquals(TestPackets.ip4("10.231.1.2"), bytes(16, 20));
    assertEquals(0xffff, TestPackets.sum(out, 0, 20, 0), "IPv4 header checksum");
    assertEquals(8080, out.getShort(20) & 0xffff);
    assertEquals(40000, out.getShort(22) & 0xffff);
    assertEquals(7000, out.getInt(24), "seq = the client's ack: its rcv_nxt");
    assertEquals(1000 + REQUEST.length, out.getInt(28), "ack = after the dropped segment");
    assertEquals(0x14, out.get(33), "RST|ACK");
    assertTrue(TestPackets.transportChecksumOk(out, len), "TCP checksum");
  }

  @Test
  void resetTowardTheServerTakesTheDroppedSegmentsPlace() {
    ByteBuffer p =
        TestPackets.tcp4("10.231.1.2", 40000, "10.231.2.2", 8080, 1000, 7000, 0x18, REQUEST);
    Packet h = TestPackets.decoded(p);
    int len = builder.tcpReset(h, false);
    ByteBuffer out = builder.buffer();
    assertArrayEquals(TestPackets.ip4("10.231.1.2"), bytes(12, 16));
    assertEquals(40000, out.getShort(20) & 0xffff);
    assertEquals(
        1000, out.getInt(24), "seq = the server's rcv_nxt, the dropped segment never arrived");
    assertEquals(7000, out.getInt(28));
    assertTrue(TestPackets.transportChecksumOk(out, len));
  }

  @Test
  void resetForASynAcknowledgesIt() {
    ByteBuffer p = TestPackets.tcp4("10.0.0.1", 1234, "10.0.0.2", 22, 555, 0, 0x02, new byte[0]);
    Packet h = TestPackets.decoded(p);
    builder.tcpReset(h, true);
    assertEquals(0, builder.buffer().getInt(24));
    assertEquals(556, builder.buffer().getInt(28));
  }

  @Test
  void ipv6ResetHasAValidChecksum() {
    ByteBuffer p =
        TestPackets.tcp6(
            "fd00:231:1::2", 40000, "fd00:231:2::2", 8080, 0xfffffff0L, 9, 0x18, REQUEST);
    Packet h = TestPackets.decoded(p);
    int len = builder.tcpReset(h, true);
    assertEquals(60, len);
    ByteBuffer out = builder.buffer();
    assertEquals(0x60, out.get(0) & 0xf0);
    assertEquals(20, out.getShort(4));
    assertArrayEquals(TestPackets.ip6("fd00:231:2::2"), bytes(8, 24));
    assertEquals(
        (int) ((0xfffffff0L + REQUEST.length) & 0xffffffffL),
        out.getInt(48),
        "ack wraps modulo 2^32");
    assertTrue(TestPackets.transportChecksumOk(out, len));
  }

  @Test
  void neverResetsAReset() {
    ByteBuffer p = TestPackets.tcp4("10.0.0.1", 1, "10.0.0.2", 2, 5, 5, 0x14, new byte[0]);
    Packet h = TestPackets.decoded(p);
    assertEquals(0, builder.tcpReset(h, true));
  }

  @Test
  void udpGetsAPortUnreachableQuotingIt() {
    ByteBuffer p =
        TestPackets.udp4(
            "10.231.1.2", 5000, "10.231.2.2", 53, "query".getBytes(StandardCharsets.US_ASCII));
    Packet h = TestPackets.decoded(p);
    int len = builder.icmpUnreachable(h);
    assertEquals(20 + 8 + p.capacity(), len);
    ByteBuffer out = builder.buffer();
    assertEquals(1, out.get(9));
    assertArrayEquals(TestPackets.ip4("10.231.2.2"), bytes(12, 16));
    assertArrayEquals(TestPackets.ip4("10.231.1.2"), bytes(16, 20));
    assertEquals(3, out.get(20));
    assertEquals(3, out.get(21));
    assertEquals(0xffff, TestPackets.sum(out, 20, len - 20, 0), "ICMP checksum");
    assertArrayEquals(p.array(), bytes(28, len));
  }

  @Test
  void ipv6UdpGetsAnIcmpv6PortUnreachable() {
    ByteBuffer p = TestPackets.udp6WithExtensions("fd00::1", 5000, "fd00::2", 53, new byte[] {9});
    Packet h = TestPackets.decoded(p);
    int len = builder.icmpUnreachable(h);
    ByteBuffer out = builder.buffer();
    assertEquals(58, out.get(6));
    assertEquals(1, out.get(40));
    assertEquals(4, out.get(41));
    assertTrue(TestPackets.transportChecksumOk(out, len), "ICMPv6 checksum");
  }

  @Test
  void neverAnswersAnIcmpErrorWithAnother() {
    ByteBuffer p = TestPackets.udp4("10.0.0.1", 1, "10.0.0.2", 2, new byte[8]);
    p.put(9, (byte) 1); // make it ICMP
    p.put(20, (byte) 3); // destination unreachable
    Packet h = TestPackets.decoded(p);
    assertEquals(0, builder.icmpUnreachable(h));
    p.put(20, (byte) 8); // echo request: may be answered
    assertTrue(builder.icmpUnreachable(TestPackets.decoded(p)) > 0);
  }
}
