package org.vigil.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InlineHeadersTest {

  private final InlineHeaders h = new InlineHeaders();

  @Test
  void readsIpv4TcpFields() {
    byte[] data = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer p = TestPackets.tcp4("10.0.0.1", 40000, "10.0.0.2", 80, 1000, 5000, 0x18, data);
    assertTrue(h.parse(p, 0, p.capacity()));
    assertEquals(4, h.version());
    assertEquals(6, h.protocol());
    assertEquals(40000, h.srcPort());
    assertEquals(80, h.dstPort());
    assertTrue(h.hasTcpHeader());
    assertEquals(1000, h.tcpSeq());
    assertEquals(5000, h.tcpAck());
    assertEquals(0x18, h.tcpFlags());
    assertEquals(data.length, h.tcpPayloadLength());
  }

  @Test
  void walksIpv6ExtensionHeadersToUdp() {
    ByteBuffer p = TestPackets.udp6WithExtensions("fd00::1", 5353, "fd00::2", 53, new byte[] {1, 2, 3});
    assertTrue(h.parse(p, 0, p.capacity()));
    assertEquals(6, h.version());
    assertEquals(17, h.protocol());
    assertEquals(56, h.l4Offset());
    assertEquals(5353, h.srcPort());
    assertEquals(53, h.dstPort());
  }

  @Test
  void aNonFirstFragmentHasNoPorts() {
    ByteBuffer p = TestPackets.udp4("10.0.0.1", 1111, "10.0.0.2", 2222, new byte[16]);
    p.putShort(6, (short) 0x0003); // fragment offset 24 bytes
    assertTrue(h.parse(p, 0, p.capacity()));
    assertFalse(h.firstFragment());
    assertFalse(h.hasPorts());
  }

  @Test
  void rejectsTruncatedAndNonIpInput() {
    ByteBuffer p = TestPackets.tcp4("10.0.0.1", 1, "10.0.0.2", 2, 0, 0, 0x02, new byte[0]);
    assertFalse(h.parse(p, 0, 19));
    assertFalse(h.parse(p, 0, 39)); // total length says 40
    assertFalse(h.parse(ByteBuffer.wrap(new byte[] {0x20, 0, 0, 0}), 0, 4));
    assertThrows(IllegalArgumentException.class, () -> h.parse(p.duplicate().order(ByteOrder.LITTLE_ENDIAN), 0, 40));
  }

  @Test
  void bothDirectionsOfAFlowGiveTheSameKey() {
    ByteBuffer ab = TestPackets.tcp4("10.0.0.1", 40000, "10.0.0.2", 80, 1, 1, 0x10, new byte[0]);
    ByteBuffer ba = TestPackets.tcp4("10.0.0.2", 80, "10.0.0.1", 40000, 1, 1, 0x10, new byte[0]);
    ByteBuffer other = TestPackets.tcp4("10.0.0.1", 40001, "10.0.0.2", 80, 1, 1, 0x10, new byte[0]);
    h.parse(ab, 0, 40);
    FlowKey k1 = h.flowKey();
    h.parse(ba, 0, 40);
    assertEquals(k1, h.flowKey());
    h.parse(other, 0, 40);
    assertFalse(k1.equals(h.flowKey()));
  }
}
