package org.vigil.acquire.synthetic;

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

  private void ip(int src, int dst, int proto, int l4Length) {
    // Ethernet: the two hosts' MAC addresses, IPv4
    buf[0] = 0x02;
    buf[1] = 0;
    put32(2, dst & 0xffffffffL);
    buf[6] = 0x02;
    buf[7] = 0;
    put32(8, src & 0xffffffffL);
    put16(12, 0x0800);
    buf[ETH] = 0x45;
    buf[ETH + 1] = 0;
    put16(ETH + 2, IP + l4Length);
    put16(ETH + 4, ipId++ & 0xffff);
    put16(ETH + 6, 0x4000);
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
