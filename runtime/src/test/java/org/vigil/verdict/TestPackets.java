package org.vigil.verdict;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;

/**
 * Builds raw IPv4/IPv6 TCP and UDP packets for the verdict tests, and decodes them as an inline run
 * does.
 */
final class TestPackets {

  private TestPackets() {}

  /** {@code ip}, a raw IP packet, decoded by the engine's decoder (as a queued packet is). */
  static Packet decoded(ByteBuffer ip) {
    int len = ip.capacity();
    Packet p = new Packet(len + 64);
    byte[] d = p.ensureCapacity(len);
    ip.get(0, d, 0, len);
    p.setFrame(len, len, 1_000_000_000L, LinkTypes.RAW, 0, null);
    new Decoder(DecodeConfig.defaults(), new PathStats()).decode(p);
    return p;
  }

  static ByteBuffer tcp4(
      String src, int sport, String dst, int dport, long seq, long ack, int flags, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(40 + data.length).order(ByteOrder.BIG_ENDIAN);
    b.put(0, (byte) 0x45);
    b.putShort(2, (short) (40 + data.length));
    b.put(8, (byte) 64);
    b.put(9, (byte) 6);
    b.put(12, ip4(src));
    b.put(16, ip4(dst));
    tcpHeader(b, 20, sport, dport, seq, ack, flags, data);
    return b;
  }

  static ByteBuffer tcp6(
      String src, int sport, String dst, int dport, long seq, long ack, int flags, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(60 + data.length).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0, 0x60000000);
    b.putShort(4, (short) (20 + data.length));
    b.put(6, (byte) 6);
    b.put(7, (byte) 64);
    b.put(8, ip6(src));
    b.put(24, ip6(dst));
    tcpHeader(b, 40, sport, dport, seq, ack, flags, data);
    return b;
  }

  static ByteBuffer udp4(String src, int sport, String dst, int dport, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(28 + data.length).order(ByteOrder.BIG_ENDIAN);
    b.put(0, (byte) 0x45);
    b.putShort(2, (short) (28 + data.length));
    b.put(8, (byte) 64);
    b.put(9, (byte) 17);
    b.put(12, ip4(src));
    b.put(16, ip4(dst));
    b.putShort(20, (short) sport);
    b.putShort(22, (short) dport);
    b.putShort(24, (short) (8 + data.length));
    b.put(28, data);
    return b;
  }

  /** IPv6 with a hop-by-hop and a destination-options header in front of UDP. */
  static ByteBuffer udp6WithExtensions(String src, int sport, String dst, int dport, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(40 + 8 + 8 + 8 + data.length).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0, 0x60000000);
    b.putShort(4, (short) (24 + data.length));
    b.put(6, (byte) 0); // hop-by-hop
    b.put(7, (byte) 64);
    b.put(8, ip6(src));
    b.put(24, ip6(dst));
    b.put(40, (byte) 60); // next: destination options, length 0 (8 bytes)
    b.put(48, (byte) 17); // next: UDP
    b.putShort(56, (short) sport);
    b.putShort(58, (short) dport);
    b.putShort(60, (short) (8 + data.length));
    b.put(64, data);
    return b;
  }

  private static void tcpHeader(
      ByteBuffer b, int t, int sport, int dport, long seq, long ack, int flags, byte[] data) {
    b.putShort(t, (short) sport);
    b.putShort(t + 2, (short) dport);
    b.putInt(t + 4, (int) seq);
    b.putInt(t + 8, (int) ack);
    b.put(t + 12, (byte) 0x50);
    b.put(t + 13, (byte) flags);
    b.putShort(t + 14, (short) 65535);
    b.put(t + 20, data);
  }

  static byte[] ip4(String dotted) {
    String[] p = dotted.split("\\.");
    byte[] a = new byte[4];
    for (int i = 0; i < 4; i++) a[i] = (byte) Integer.parseInt(p[i]);
    return a;
  }

  static byte[] ip6(String text) {
    try {
      return java.net.InetAddress.getByName(text).getAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * One's-complement sum of {@code b[off, off+len)} plus {@code acc}, folded; 0xffff when a
   * checksum inside is right.
   */
  static int sum(ByteBuffer b, int off, int len, long acc) {
    int i = 0;
    for (; i + 1 < len; i += 2) acc += b.getShort(off + i) & 0xffff;
    if (i < len) acc += (b.get(off + i) & 0xff) << 8;
    while ((acc >>> 16) != 0) acc = (acc & 0xffff) + (acc >>> 16);
    return (int) acc;
  }

  /**
   * True when the IPv4/IPv6 packet's transport checksum (TCP, or ICMPv6) verifies with its
   * pseudo-header.
   */
  static boolean transportChecksumOk(ByteBuffer b, int length) {
    int v = (b.get(0) & 0xff) >>> 4;
    if (v == 4) {
      int ihl = (b.get(0) & 0x0f) * 4;
      long pseudo = sum(b, 12, 8, 0) + (b.get(9) & 0xff) + (length - ihl);
      return sum(b, ihl, length - ihl, pseudo) == 0xffff;
    }
    long pseudo = sum(b, 8, 32, 0) + (b.get(6) & 0xff) + (length - 40);
    return sum(b, 40, length - 40, pseudo) == 0xffff;
  }
}
