package org.vigil.verdict;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vigil.decode.Packet;

/**
 * Builds the packets a {@code reject} sends, IP header included, checksums computed: a TCP RST
 * toward either end of the offending segment, or an ICMP/ICMPv6 port unreachable quoting the
 * offending packet back to its sender, from the decoded offending packet. Never answers a RST or an
 * ICMP error. Reuses one output buffer; not thread-safe.
 */
public final class RejectPacketBuilder {

  private static final int TTL = 64;
  private static final int TCP = 6;
  private static final int ICMP = 1;
  private static final int ICMPV6 = 58;

  /** Bytes of the offending packet an ICMPv4 error quotes (576-byte error, as Linux does). */
  private static final int ICMP4_QUOTE_MAX = 576 - 20 - 8;

  /** Bytes of the offending packet an ICMPv6 error quotes (fits the 1280-byte minimum MTU). */
  private static final int ICMP6_QUOTE_MAX = 1280 - 40 - 8;

  private final ByteBuffer out = ByteBuffer.allocate(1280).order(ByteOrder.BIG_ENDIAN);

  /** The buffer the last build wrote to, from position 0. */
  public ByteBuffer buffer() {
    return out;
  }

  /**
   * Builds a TCP RST for the decoded segment {@code h}: toward its sender when {@code
   * towardSource}, else toward its receiver. Returns the packet length, or 0 when no reset fits
   * (not TCP, or a RST).
   */
  public int tcpReset(Packet h, boolean towardSource) {
    if (!h.isTcp() || (h.tcpFlags() & 0x04) != 0) return 0;
    ByteBuffer in = ByteBuffer.wrap(h.data());
    int flags = h.tcpFlags();
    boolean inAck = (flags & 0x10) != 0;
    long seg =
        (h.tcpSeq() + h.payloadLength() + ((flags & 0x02) != 0 ? 1 : 0) + (flags & 0x01))
            & 0xffffffffL;
    long seq;
    long ack;
    int outFlags;
    if (towardSource) {
      seq = inAck ? h.tcpAck() : 0;
      ack = seg;
      outFlags = 0x14; // RST|ACK
    } else {
      seq = h.tcpSeq();
      ack = inAck ? h.tcpAck() : 0;
      outFlags = inAck ? 0x14 : 0x04;
    }
    int l3 = h.ipVersion() == 4 ? 20 : 40;
    int total = l3 + 20;
    writeIpHeader(h, in, towardSource, TCP, 20);
    int t = l3;
    out.putShort(t, (short) (towardSource ? h.dstPort() : h.srcPort()));
    out.putShort(t + 2, (short) (towardSource ? h.srcPort() : h.dstPort()));
    out.putInt(t + 4, (int) seq);
    out.putInt(t + 8, (int) ack);
    out.put(t + 12, (byte) 0x50);
    out.put(t + 13, (byte) outFlags);
    out.putShort(t + 14, (short) 0);
    out.putShort(t + 16, (short) 0);
    out.putShort(t + 18, (short) 0);
    out.putShort(t + 16, (short) transportChecksum(h.ipVersion(), TCP, t, 20));
    return total;
  }

  /**
   * Builds an ICMP (IPv4: type 3 code 3) or ICMPv6 (type 1 code 4) port unreachable back to the
   * sender of {@code h}, quoting it. Returns the packet length, or 0 for a packet that must not get
   * an ICMP error (an ICMP error itself, or a packet without an IP header).
   */
  public int icmpUnreachable(Packet h) {
    if ((h.ipVersion() != 4 && h.ipVersion() != 6) || isIcmpError(h)) return 0;
    ByteBuffer in = ByteBuffer.wrap(h.data());
    int v4 = h.ipVersion() == 4 ? 1 : 0;
    int l3 = v4 == 1 ? 20 : 40;
    int quote = Math.min(ipLength(h), v4 == 1 ? ICMP4_QUOTE_MAX : ICMP6_QUOTE_MAX);
    int icmpLen = 8 + quote;
    writeIpHeader(h, in, true, v4 == 1 ? ICMP : ICMPV6, icmpLen);
    out.put(l3, (byte) (v4 == 1 ? 3 : 1));
    out.put(l3 + 1, (byte) (v4 == 1 ? 3 : 4));
    out.putShort(l3 + 2, (short) 0);
    out.putInt(l3 + 4, 0);
    for (int i = 0; i < quote; i++) out.put(l3 + 8 + i, in.get(h.l3Offset() + i));
    int sum = v4 == 1 ? fold(sum(out, l3, icmpLen, 0)) : transportChecksum(6, ICMPV6, l3, icmpLen);
    out.putShort(l3 + 2, (short) sum);
    return l3 + icmpLen;
  }

  /** Bytes of the IP packet, its header included (as its length field says, within the frame). */
  private static int ipLength(Packet h) {
    return Math.min(h.ipPayloadOffset() + h.ipPayloadLength(), h.length()) - h.l3Offset();
  }

  private static boolean isIcmpError(Packet h) {
    int proto = h.ipProto();
    int l4 = h.ipPayloadOffset();
    boolean firstFragment = h.fragOffset() == 0;
    if (!firstFragment || h.ipPayloadLength() < 1 || l4 >= h.length())
      return proto == ICMP || proto == ICMPV6;
    int type = h.data()[l4] & 0xff;
    if (proto == ICMP)
      return type != 0 && type != 8 && type != 13 && type != 14 && type != 15 && type != 16;
    if (proto == ICMPV6) return type < 128;
    return false;
  }

  private void writeIpHeader(Packet h, ByteBuffer in, boolean swap, int proto, int l4Len) {
    int ip = h.l3Offset();
    if (h.ipVersion() == 4) {
      out.put(0, (byte) 0x45);
      out.put(1, (byte) 0);
      out.putShort(2, (short) (20 + l4Len));
      out.putShort(4, (short) 0);
      out.putShort(6, (short) 0x4000); // DF
      out.put(8, (byte) TTL);
      out.put(9, (byte) proto);
      out.putShort(10, (short) 0);
      int src = in.getInt(ip + 12);
      int dst = in.getInt(ip + 16);
      out.putInt(12, swap ? dst : src);
      out.putInt(16, swap ? src : dst);
      out.putShort(10, (short) fold(sum(out, 0, 20, 0)));
    } else {
      out.putInt(0, 0x60000000);
      out.putShort(4, (short) l4Len);
      out.put(6, (byte) proto);
      out.put(7, (byte) TTL);
      for (int i = 0; i < 16; i++) {
        byte s = in.get(ip + 8 + i);
        byte d = in.get(ip + 24 + i);
        out.put(8 + i, swap ? d : s);
        out.put(24 + i, swap ? s : d);
      }
    }
  }

  private int transportChecksum(int version, int proto, int off, int len) {
    long acc;
    if (version == 4) {
      acc = sum(out, 12, 8, 0) + proto + len;
    } else {
      acc = sum(out, 8, 32, 0) + proto + len;
    }
    return fold(sum(out, off, len, acc));
  }

  private static long sum(ByteBuffer b, int off, int len, long acc) {
    int i = 0;
    for (; i + 1 < len; i += 2) acc += b.getShort(off + i) & 0xffff;
    if (i < len) acc += (b.get(off + i) & 0xff) << 8;
    return acc;
  }

  private static int fold(long acc) {
    while ((acc >>> 16) != 0) acc = (acc & 0xffff) + (acc >>> 16);
    return (int) (~acc & 0xffff);
  }
}
