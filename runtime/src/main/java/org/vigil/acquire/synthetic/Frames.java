package org.vigil.acquire.synthetic;

import java.util.Arrays;

/**
 * Encodes Ethernet/IPv4 frames carrying TCP segments or UDP datagrams, with valid IP, TCP and UDP
 * checksums, and hands each to the sink with a clock that advances per frame.
 */
final class Frames {
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int PSH = 0x08;
  static final int ACK = 0x10;

  private static final int ETH = 14;
  private static final int IP = 20;
  private static final int TCP = 20;
  private static final int UDP = 8;
  private static final long STEP_NANOS = 40_000;

  private final byte[] buf = new byte[ETH + IP + TCP + 65_535];
  private final FrameSink sink;
  private long nanos;
  private int ipId;
  private long count;

  Frames(FrameSink sink, long startNanos) {
    this.sink = sink;
    this.nanos = startNanos;
  }

  /** Frames handed to the sink so far. */
  long count() {
    return count;
  }

  /**
   * A TCP segment from {@code src:sport} to {@code dst:dport} carrying {@code data[off..off+len)}.
   */
  void tcp(
      int src,
      int dst,
      int sport,
      int dport,
      long seq,
      long ack,
      int flags,
      byte[] data,
      int off,
      int len) {
    int l4 = ETH + IP;
    ip(src, dst, 6, TCP + len);
    put16(l4, sport);
    put16(l4 + 2, dport);
    put32(l4 + 4, seq);
    put32(l4 + 8, (flags & ACK) != 0 ? ack : 0);
    buf[l4 + 12] = (byte) (5 << 4);
    buf[l4 + 13] = (byte) flags;
    put16(l4 + 14, 64_240);
    put16(l4 + 16, 0);
    put16(l4 + 18, 0);
    System.arraycopy(data, off, buf, l4 + TCP, len);
    put16(l4 + 16, l4Checksum(src, dst, 6, l4, TCP + len));
    emit(l4 + TCP + len);
  }

  /** A UDP datagram from {@code src:sport} to {@code dst:dport} carrying {@code data}. */
  void udp(int src, int dst, int sport, int dport, byte[] data) {
    int l4 = ETH + IP;
    ip(src, dst, 17, UDP + data.length);
    put16(l4, sport);
    put16(l4 + 2, dport);
    put16(l4 + 4, UDP + data.length);
    put16(l4 + 6, 0);
    System.arraycopy(data, 0, buf, l4 + UDP, data.length);
    int sum = l4Checksum(src, dst, 17, l4, UDP + data.length);
    put16(l4 + 6, sum == 0 ? 0xffff : sum);
    emit(l4 + UDP + data.length);
  }

  /** An ARP request of {@code src} for {@code dst}: a frame without IP, padded to 60 bytes. */
  void arp(int src, int dst) {
    Arrays.fill(buf, 0, 60, (byte) 0);
    Arrays.fill(buf, 0, 6, (byte) 0xff);
    mac(6, src);
    put16(12, 0x0806);
    put16(ETH, 1);
    put16(ETH + 2, 0x0800);
    buf[ETH + 4] = 6;
    buf[ETH + 5] = 4;
    put16(ETH + 6, 1);
    mac(ETH + 8, src);
    put32(ETH + 14, src & 0xffffffffL);
    put32(ETH + 24, dst & 0xffffffffL);
    emit(60);
  }

  /** An ICMP echo request (or its reply) carrying {@code data}. */
  void icmpEcho(int src, int dst, int id, int seq, boolean reply, byte[] data) {
    int l4 = ETH + IP;
    ip(src, dst, 1, 8 + data.length);
    buf[l4] = (byte) (reply ? 0 : 8);
    buf[l4 + 1] = 0;
    put16(l4 + 2, 0);
    put16(l4 + 4, id);
    put16(l4 + 6, seq);
    System.arraycopy(data, 0, buf, l4 + 8, data.length);
    put16(l4 + 2, fold(sum(l4, 8 + data.length, 0)));
    emit(l4 + 8 + data.length);
  }

  /**
   * A UDP datagram sent as IPv4 fragments of {@code fragment} bytes (a multiple of 8) of it each,
   * the last one first, as some stacks send them.
   */
  void udpFragments(int src, int dst, int sport, int dport, byte[] data, int fragment) {
    int length = UDP + data.length;
    byte[] datagram = new byte[length];
    int l4 = ETH + IP;
    put16(l4, sport);
    put16(l4 + 2, dport);
    put16(l4 + 4, length);
    put16(l4 + 6, 0);
    System.arraycopy(data, 0, buf, l4 + UDP, data.length);
    int sum = l4Checksum(src, dst, 17, l4, length);
    put16(l4 + 6, sum == 0 ? 0xffff : sum);
    System.arraycopy(buf, l4, datagram, 0, length);
    int id = ipId++ & 0xffff;
    int last = (length - 1) / fragment * fragment;
    for (int at = last; at >= 0; at -= fragment) {
      int n = Math.min(fragment, length - at);
      ip(src, dst, 17, n, id, (at + n < length ? 0x2000 : 0) | at / 8);
      System.arraycopy(datagram, at, buf, l4, n);
      emit(l4 + n);
    }
  }

  /**
   * A UDP datagram over IPv6 between {@code src} and {@code dst} of the documentation prefix
   * 2001:db8::/32 (the low 32 bits given).
   */
  void udp6(int src, int dst, int sport, int dport, byte[] data) {
    int l4 = ip6(src, dst, 17, UDP + data.length);
    put16(l4, sport);
    put16(l4 + 2, dport);
    put16(l4 + 4, UDP + data.length);
    put16(l4 + 6, 0);
    System.arraycopy(data, 0, buf, l4 + UDP, data.length);
    int sum = fold(sum(l4, UDP + data.length, pseudo6(17, UDP + data.length)));
    put16(l4 + 6, sum == 0 ? 0xffff : sum);
    emit(l4 + UDP + data.length);
  }

  /** An ICMPv6 echo request (or its reply) over IPv6, addressed as {@link #udp6}. */
  void icmp6Echo(int src, int dst, int id, int seq, boolean reply, byte[] data) {
    int l4 = ip6(src, dst, 58, 8 + data.length);
    buf[l4] = (byte) (reply ? 129 : 128);
    buf[l4 + 1] = 0;
    put16(l4 + 2, 0);
    put16(l4 + 4, id);
    put16(l4 + 6, seq);
    System.arraycopy(data, 0, buf, l4 + 8, data.length);
    put16(l4 + 2, fold(sum(l4, 8 + data.length, pseudo6(58, 8 + data.length))));
    emit(l4 + 8 + data.length);
  }

  /** Ethernet and the IPv6 header; returns where the payload starts. */
  private int ip6(int src, int dst, int next, int l4Length) {
    mac(0, dst);
    mac(6, src);
    put16(12, 0x86dd);
    put32(ETH, 0x60000000L);
    put16(ETH + 4, l4Length);
    buf[ETH + 6] = (byte) next;
    buf[ETH + 7] = 64;
    address6(ETH + 8, src);
    address6(ETH + 24, dst);
    return ETH + 40;
  }

  private void address6(int at, int host) {
    Arrays.fill(buf, at, at + 16, (byte) 0);
    put32(at, 0x20010db8L);
    put32(at + 12, host & 0xffffffffL);
  }

  /** The IPv6 pseudo-header's sum: both addresses, the length and the next header. */
  private long pseudo6(int next, int length) {
    return sum(ETH + 8, 32, 0) + length + next;
  }

  private void mac(int at, int host) {
    buf[at] = 0x02;
    buf[at + 1] = 0;
    put32(at + 2, host & 0xffffffffL);
  }

  private void ip(int src, int dst, int proto, int l4Length) {
    ip(src, dst, proto, l4Length, ipId++ & 0xffff, 0x4000);
  }

  private void ip(int src, int dst, int proto, int l4Length, int id, int fragment) {
    // Ethernet: the two hosts' MAC addresses, IPv4
    mac(0, dst);
    mac(6, src);
    put16(12, 0x0800);
    buf[ETH] = 0x45;
    buf[ETH + 1] = 0;
    put16(ETH + 2, IP + l4Length);
    put16(ETH + 4, id);
    put16(ETH + 6, fragment);
    buf[ETH + 8] = 64;
    buf[ETH + 9] = (byte) proto;
    put16(ETH + 10, 0);
    put32(ETH + 12, src & 0xffffffffL);
    put32(ETH + 16, dst & 0xffffffffL);
    put16(ETH + 10, fold(sum(ETH, IP, 0)));
  }

  private int l4Checksum(int src, int dst, int proto, int off, int len) {
    long pseudo =
        (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + (long) len;
    return fold(sum(off, len, pseudo));
  }

  private long sum(int off, int len, long initial) {
    long s = initial;
    int i = off;
    for (; i + 1 < off + len; i += 2) {
      s += ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
    }
    if (i < off + len) {
      s += (buf[i] & 0xff) << 8;
    }
    return s;
  }

  private static int fold(long s) {
    while ((s >>> 16) != 0) {
      s = (s & 0xffff) + (s >>> 16);
    }
    return (int) (~s & 0xffff);
  }

  private void emit(int length) {
    count++;
    nanos += STEP_NANOS;
    sink.frame(buf, length, nanos);
  }

  private void put16(int at, int v) {
    buf[at] = (byte) (v >>> 8);
    buf[at + 1] = (byte) v;
  }

  private void put32(int at, long v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }
}
