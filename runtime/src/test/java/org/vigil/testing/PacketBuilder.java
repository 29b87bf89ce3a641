package org.vigil.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds frames in code for tests: Ethernet, VLAN, IPv4 (options, fragments, valid header
 * checksum), IPv6 (with extension headers), TCP (options), UDP, ICMP, with correct layer-4
 * checksums. Layers are built inside out: {@code ethernet(0x0800, ipv4("1.1.1.1", "2.2.2.2", 6,
 * tcp(...)))}.
 */
public final class PacketBuilder {
  private PacketBuilder() {}

  public static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;

  /** Concatenates byte arrays. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }

  /** Bytes from ints (each taken modulo 256). */
  public static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
    return b;
  }

  public static byte[] addr(String ip) {
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }

  /** Ethernet II frame with fixed MACs. */
  public static byte[] ethernet(int etherType, byte[] payload) {
    byte[] h = bytes(0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, etherType >> 8, etherType);
    return concat(h, payload);
  }

  /**
   * An 802.1Q tag (to go after an Ethernet header whose type is 0x8100): id, then the inner type.
   */
  public static byte[] vlan(int id, int innerType, byte[] payload) {
    return concat(bytes(id >> 8, id, innerType >> 8, innerType), payload);
  }

  /** IPv4 datagram, unfragmented, TTL 64. */
  public static byte[] ipv4(String src, String dst, int proto, byte[] payload) {
    return ipv4(src, dst, proto, 1, 0, false, 64, new byte[0], payload);
  }

  /**
   * IPv4 datagram. fragOffsetBytes must be a multiple of 8; options are padded to 4 bytes. The
   * layer-4 checksum of TCP/UDP/ICMP payloads is filled in for unfragmented datagrams.
   */
  public static byte[] ipv4(
      String src,
      String dst,
      int proto,
      int id,
      int fragOffsetBytes,
      boolean mf,
      int ttl,
      byte[] options,
      byte[] payload) {
    int optLen = (options.length + 3) & ~3;
    int hl = 20 + optLen;
    int tot = hl + payload.length;
    byte[] b = new byte[tot];
    b[0] = (byte) (0x40 | (hl / 4));
    b[2] = (byte) (tot >> 8);
    b[3] = (byte) tot;
    b[4] = (byte) (id >> 8);
    b[5] = (byte) id;
    int ff = (fragOffsetBytes / 8) | (mf ? 0x2000 : 0);
    b[6] = (byte) (ff >> 8);
    b[7] = (byte) ff;
    b[8] = (byte) ttl;
    b[9] = (byte) proto;
    System.arraycopy(addr(src), 0, b, 12, 4);
    System.arraycopy(addr(dst), 0, b, 16, 4);
    System.arraycopy(options, 0, b, 20, options.length);
    int cs = checksum(b, 0, hl, 0);
    b[10] = (byte) (cs >> 8);
    b[11] = (byte) cs;
    System.arraycopy(payload, 0, b, hl, payload.length);
    if (fragOffsetBytes == 0 && !mf) fixL4(b, hl, proto, pseudo4(b, 12, proto, payload.length));
    return b;
  }

  /**
   * IPv6 packet; ext is the raw extension-header chain (may be empty) whose first header is
   * firstNext.
   */
  public static byte[] ipv6(
      String src, String dst, int firstNext, byte[] ext, int l4Proto, byte[] payload) {
    int plen = ext.length + payload.length;
    byte[] b = new byte[40 + plen];
    b[0] = 0x60;
    b[4] = (byte) (plen >> 8);
    b[5] = (byte) plen;
    b[6] = (byte) firstNext;
    b[7] = 64;
    System.arraycopy(addr(src), 0, b, 8, 16);
    System.arraycopy(addr(dst), 0, b, 24, 16);
    System.arraycopy(ext, 0, b, 40, ext.length);
    System.arraycopy(payload, 0, b, 40 + ext.length, payload.length);
    boolean fragmented = false;
    for (int o = 0, nh = firstNext; o < ext.length; ) {
      if (nh == 44) fragmented = true;
      int len =
          nh == 44 ? 8 : nh == 51 ? ((ext[o + 1] & 0xff) + 2) * 4 : ((ext[o + 1] & 0xff) + 1) * 8;
      nh = ext[o] & 0xff;
      o += len;
    }
    if (!fragmented) fixL4(b, 40 + ext.length, l4Proto, pseudo6(b, l4Proto, payload.length));
    return b;
  }

  /** IPv6 plain packet with no extension headers. */
  public static byte[] ipv6(String src, String dst, int proto, byte[] payload) {
    return ipv6(src, dst, proto, new byte[0], proto, payload);
  }

  /** IPv6 fragment header: next header, offset in bytes (multiple of 8), M flag, id. */
  public static byte[] fragHeader(int next, int offsetBytes, boolean more, int id) {
    int fo = offsetBytes | (more ? 1 : 0);
    return bytes(next, 0, fo >> 8, fo, id >> 24, id >> 16, id >> 8, id);
  }

  /** Hop-by-hop or destination options header padded with PadN to a multiple of 8. */
  public static byte[] optionsHeader(int next, byte[] options) {
    int len = ((2 + options.length + 7) / 8) * 8;
    byte[] b = new byte[len];
    b[0] = (byte) next;
    b[1] = (byte) (len / 8 - 1);
    System.arraycopy(options, 0, b, 2, options.length);
    int pad = len - 2 - options.length;
    if (pad == 1) b[len - 1] = 0;
    else if (pad > 1) {
      b[2 + options.length] = 1;
      b[3 + options.length] = (byte) (pad - 2);
    }
    return b;
  }

  /**
   * TCP segment; options raw (padded with NOPs to 4 bytes), checksum filled in by ipv4()/ipv6().
   */
  public static byte[] tcp(
      int sport,
      int dport,
      int seq,
      int ack,
      int flags,
      int window,
      byte[] options,
      byte[] payload) {
    int optLen = (options.length + 3) & ~3;
    int hl = 20 + optLen;
    byte[] b = new byte[hl + payload.length];
    put16(b, 0, sport);
    put16(b, 2, dport);
    put32(b, 4, seq);
    put32(b, 8, ack);
    b[12] = (byte) ((hl / 4) << 4);
    b[13] = (byte) flags;
    put16(b, 14, window);
    System.arraycopy(options, 0, b, 20, options.length);
    for (int i = 20 + options.length; i < hl; i++) b[i] = 1;
    System.arraycopy(payload, 0, b, hl, payload.length);
    return b;
  }

  public static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] payload) {
    return tcp(sport, dport, seq, ack, flags, 65535, new byte[0], payload);
  }

  public static byte[] udp(int sport, int dport, byte[] payload) {
    byte[] b = new byte[8 + payload.length];
    put16(b, 0, sport);
    put16(b, 2, dport);
    put16(b, 4, b.length);
    System.arraycopy(payload, 0, b, 8, payload.length);
    return b;
  }

  /** ICMPv4 or ICMPv6 message: type, code, then 4 bytes (id/seq for echo), then data. */
  public static byte[] icmp(int type, int code, int id, int seq, byte[] data) {
    byte[] b = new byte[8 + data.length];
    b[0] = (byte) type;
    b[1] = (byte) code;
    put16(b, 4, id);
    put16(b, 6, seq);
    System.arraycopy(data, 0, b, 8, data.length);
    return b;
  }

  private static long pseudo4(byte[] ip, int addrOff, int proto, int len) {
    long s = sum(ip, addrOff, 8, 0);
    return s + proto + len;
  }

  private static long pseudo6(byte[] ip, int proto, int len) {
    long s = sum(ip, 8, 32, 0);
    return s + proto + len;
  }

  private static void fixL4(byte[] b, int off, int proto, long pseudo) {
    int len = b.length - off;
    int at =
        switch (proto) {
          case 6 -> 16;
          case 17 -> 6;
          case 1, 58 -> 2;
          default -> -1;
        };
    if (at < 0 || len < at + 2) return;
    b[off + at] = 0;
    b[off + at + 1] = 0;
    int cs = checksum(b, off, len, proto == 1 ? 0 : pseudo);
    if (proto == 17 && cs == 0) cs = 0xffff;
    b[off + at] = (byte) (cs >> 8);
    b[off + at + 1] = (byte) cs;
  }

  private static long sum(byte[] b, int off, int len, long s) {
    for (int i = 0; i + 1 < len; i += 2) s += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
    if ((len & 1) != 0) s += (b[off + len - 1] & 0xff) << 8;
    return s;
  }

  /** Internet checksum of b[off, off+len) plus an initial sum. */
  public static int checksum(byte[] b, int off, int len, long initial) {
    long s = sum(b, off, len, initial);
    while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
    return (int) (~s & 0xffff);
  }

  static void put16(byte[] b, int o, int v) {
    b[o] = (byte) (v >> 8);
    b[o + 1] = (byte) v;
  }

  static void put32(byte[] b, int o, int v) {
    b[o] = (byte) (v >> 24);
    b[o + 1] = (byte) (v >> 16);
    b[o + 2] = (byte) (v >> 8);
    b[o + 3] = (byte) v;
  }
}
