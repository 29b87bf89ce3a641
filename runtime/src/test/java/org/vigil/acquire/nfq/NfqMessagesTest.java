package org.vigil.acquire.nfq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NfqMessagesTest {

  private static final byte[] IP =
      HexFormat.of().parseHex("450000140000400040060000" + "0a0000010a000002");

  /**
   * An NFQNL_MSG_PACKET as the kernel sends it: header, mark, in/out device, timestamp, payload.
   */
  private static ByteBuffer packetMessage(boolean truncateLastAttribute) {
    ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);
    int a = 20;
    a = attr(b, a, 1, new byte[] {0, 0, 0x12, 0x34, 0x08, 0x00, 2}); // id 0x1234, IPv4, FORWARD
    a = attr(b, a, 3, new byte[] {0, 0, 0, 42});
    a = attr(b, a, 5, new byte[] {0, 0, 0, 3});
    a = attr(b, a, 6, new byte[] {0, 0, 0, 4});
    a = attr(b, a, 4, HexFormat.of().parseHex("00000000665f5a00" + "00000000000003e8"));
    int payloadAttr = a;
    a = attr(b, a, 10, IP);
    int len = a;
    if (truncateLastAttribute) len = payloadAttr + 8;
    b.putInt(0, Integer.reverseBytes(len));
    b.putShort(4, Short.reverseBytes((short) 0x0300));
    b.putShort(18, (short) 7); // res_id = queue 7, network order
    return b;
  }

  private static int attr(ByteBuffer b, int at, int type, byte[] value) {
    b.putShort(at, Short.reverseBytes((short) (4 + value.length)));
    b.putShort(at + 2, Short.reverseBytes((short) type));
    b.put(at + 4, value);
    return at + NfqMessages.align4(4 + value.length);
  }

  @Test
  void readsThePacketAndItsMetadata() {
    ByteBuffer b = packetMessage(false);
    NfqPacket p = new NfqPacket();
    assertTrue(NfqMessages.readPacket(b, 0, NfqMessages.le32(b, 0), p));
    assertEquals(7, p.queue());
    assertEquals(0x1234, p.id());
    assertEquals(0x0800, p.hwProtocol());
    assertEquals(2, p.hook());
    assertEquals(42, p.mark());
    assertTrue(p.hasMark());
    assertEquals(3, p.inIfindex());
    assertEquals(4, p.outIfindex());
    assertEquals(0x665f5a00L * 1_000_000 + 1000, p.timestampMicros());
    assertArrayEquals(IP, p.payloadBytes());
    assertEquals(IP.length, p.originalLength());
  }

  @Test
  void anAttributeRunningPastTheMessageIsRefused() {
    ByteBuffer b = packetMessage(true);
    assertFalse(NfqMessages.readPacket(b, 0, NfqMessages.le32(b, 0), new NfqPacket()));
  }

  @Test
  void aMessageWithoutPacketHeaderIsRefused() {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
    int end = attr(b, 20, 10, IP);
    assertFalse(NfqMessages.readPacket(b, 0, end, new NfqPacket()));
  }

  @Test
  void writesVerdictsAsLibnetfilterQueueDoes() {
    ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.BIG_ENDIAN);
    int n = NfqMessages.writeVerdict(b, 0, 7, 0x1234, NfqMessages.NF_ACCEPT, false, 0, 1);
    assertEquals(32, n);
    assertEquals(
        "20000000"
            + "0103"
            + "0100"
            + "01000000"
            + "00000000"
            + "0000"
            + "0007"
            + "0c00"
            + "0200"
            + "00000001"
            + "00001234",
        HexFormat.of().formatHex(b.array(), 0, n));
    int m = NfqMessages.writeVerdict(b, n, 7, 5, NfqMessages.NF_REPEAT, true, 0xabc, 2);
    assertEquals(40, m);
    assertEquals("0800" + "0300" + "00000abc", HexFormat.of().formatHex(b.array(), n + 32, n + 40));
    assertEquals(4, b.getInt(n + 24));
  }
}
