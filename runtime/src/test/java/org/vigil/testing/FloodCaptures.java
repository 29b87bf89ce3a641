package org.vigil.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the flood captures of the memory tests as classic pcap files (Ethernet, IPv4, TCP), from
 * hand-built bytes: a SYN flood from random sources, a flood of first fragments that never
 * complete, and flows of out-of-order segments behind a hole that is never filled. JDK only, so
 * bench/floods.sh runs it as a single source file ({@code java FloodCaptures.java syn 1000000
 * out.pcap}).
 */
public final class FloodCaptures {
  private static final int DST = 0x0a000001; // 10.0.0.1
  private final OutputStream out;
  private final byte[] frame = new byte[14 + 20 + 20 + 1500];
  private long micros = 1_700_000_000_000_000L;

  private FloodCaptures(OutputStream out) throws IOException {
    this.out = out;
    byte[] h = new byte[24];
    le32(h, 0, 0xa1b2c3d4);
    le16(h, 4, 2);
    le16(h, 6, 4);
    le32(h, 16, 65535);
    le32(h, 20, 1); // Ethernet
    out.write(h);
  }

  /** {@code n} SYNs to 10.0.0.1:80, each from a random IPv4 source and port, 1 µs apart. */
  public static void synFlood(Path file, int n) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      FloodCaptures w = new FloodCaptures(os);
      SplittableRandom r = new SplittableRandom(18);
      for (int i = 0; i < n; i++) {
        int src = 0x0b000000 | r.nextInt(1 << 24);
        w.tcp(src, 1024 + r.nextInt(60000), 80, r.nextInt(), 0, 0x02, 0);
      }
    }
  }

  /**
   * {@code n} first fragments (offset 0, more fragments set) of UDP datagrams whose other fragments
   * never come, {@code size} payload bytes each, every one its own datagram.
   */
  public static void fragmentFlood(Path file, int n, int size) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      FloodCaptures w = new FloodCaptures(os);
      for (int i = 0; i < n; i++) {
        int src = 0x0b000000 | (i >>> 16);
        w.ipv4(src, 17, i & 0xffff, 0x2000, size);
        w.emit(14 + 20 + size);
      }
    }
  }

  /**
   * {@code flows} TCP connections (handshake seen) to 10.0.0.1:80, each sending {@code segments}
   * segments of {@code size} bytes after a hole of one segment that is never filled, the flows'
   * segments interleaved.
   */
  public static void segmentFlood(Path file, int flows, int segments, int size) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      FloodCaptures w = new FloodCaptures(os);
      for (int f = 0; f < flows; f++) {
        int src = 0x0b000000 | f;
        w.tcp(src, 40000, 80, 1000, 0, 0x02, 0);
        w.tcp(DST, 80, 40000, 5000, 1001, 0x12, 0, src);
        w.tcp(src, 40000, 80, 1001, 5001, 0x10, 0);
      }
      for (int s = 1; s <= segments; s++) {
        for (int f = 0; f < flows; f++) {
          w.tcp(0x0b000000 | f, 40000, 80, 1001 + s * size, 5001, 0x18, size);
        }
      }
    }
  }

  /**
   * {@code flows} HTTP connections to 10.0.0.1:80 open at once: every handshake first, then each
   * client's request (ACKed by the server), so every flow has HTTP state until the capture ends.
   */
  public static void httpFlows(Path file, int flows) throws IOException {
    byte[] get =
        "GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      FloodCaptures w = new FloodCaptures(os);
      for (int f = 0; f < flows; f++) {
        int src = 0x0b000000 | f;
        w.tcp(src, 40000, 80, 1000, 0, 0x02, 0);
        w.tcp(DST, 80, 40000, 5000, 1001, 0x12, 0, src);
        w.tcp(src, 40000, 80, 1001, 5001, 0x10, 0);
      }
      for (int f = 0; f < flows; f++) {
        int src = 0x0b000000 | f;
        System.arraycopy(get, 0, w.frame, 54, get.length);
        w.tcpRaw(src, 40000, 80, 1001, 5001, 0x18, get.length, DST);
        w.tcp(DST, 80, 40000, 5001, 1001 + get.length, 0x10, 0, src);
      }
    }
  }

  private void tcp(int src, int sp, int dp, int seq, int ack, int flags, int len)
      throws IOException {
    tcp(src, sp, dp, seq, ack, flags, len, DST);
  }

  private void tcp(int src, int sp, int dp, int seq, int ack, int flags, int len, int dst)
      throws IOException {
    for (int i = 0; i < len; i++) {
      frame[54 + i] = (byte) ('a' + i % 26);
    }
    tcpRaw(src, sp, dp, seq, ack, flags, len, dst);
  }

  /** A TCP segment whose {@code len} payload bytes are already in the frame. */
  private void tcpRaw(int src, int sp, int dp, int seq, int ack, int flags, int len, int dst)
      throws IOException {
    ipv4To(src, dst, 6, (seq ^ sp) & 0xffff, 0, 20 + len);
    int t = 34;
    be16(frame, t, sp);
    be16(frame, t + 2, dp);
    be32(frame, t + 4, seq);
    be32(frame, t + 8, ack);
    frame[t + 12] = 0x50;
    frame[t + 13] = (byte) flags;
    be16(frame, t + 14, 65535);
    be16(frame, t + 16, 0);
    be16(frame, t + 18, 0);
    long sum = 0;
    for (int i = 26; i < 34; i += 2) {
      sum += ((frame[i] & 0xff) << 8) | (frame[i + 1] & 0xff);
    }
    sum += 6 + 20 + len;
    int cs = checksum(frame, t, 20 + len, sum);
    be16(frame, t + 16, cs);
    emit(14 + 20 + 20 + len);
  }

  private void ipv4(int src, int proto, int id, int fragField, int payload) {
    ipv4To(src, DST, proto, id, fragField, payload);
    for (int i = 0; i < payload; i++) {
      frame[34 + i] = (byte) i;
    }
  }

  private void ipv4To(int src, int dst, int proto, int id, int fragField, int payload) {
    be16(frame, 12, 0x0800);
    frame[0] = 0x02;
    frame[6] = 0x02;
    frame[11] = 1;
    int ip = 14;
    frame[ip] = 0x45;
    frame[ip + 1] = 0;
    be16(frame, ip + 2, 20 + payload);
    be16(frame, ip + 4, id);
    be16(frame, ip + 6, fragField);
    frame[ip + 8] = 64;
    frame[ip + 9] = (byte) proto;
    be16(frame, ip + 10, 0);
    be32(frame, ip + 12, src);
    be32(frame, ip + 16, dst);
    be16(frame, ip + 10, checksum(frame, ip, 20, 0));
  }

  private void emit(int len) throws IOException {
    byte[] rec = new byte[16];
    micros++;
    le32(rec, 0, (int) (micros / 1_000_000));
    le32(rec, 4, (int) (micros % 1_000_000));
    le32(rec, 8, len);
    le32(rec, 12, len);
    out.write(rec);
    out.write(frame, 0, len);
  }

  private static int checksum(byte[] b, int off, int len, long sum) {
    for (int i = 0; i + 1 < len; i += 2) {
      sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
    }
    if ((len & 1) != 0) {
      sum += (b[off + len - 1] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static void be16(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }

  private static void be32(byte[] b, int o, int v) {
    be16(b, o, v >>> 16);
    be16(b, o + 2, v);
  }

  private static void le16(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
  }

  private static void le32(byte[] b, int o, int v) {
    le16(b, o, v);
    le16(b, o + 2, v >>> 16);
  }

  /**
   * {@code syn N out.pcap}, {@code frag N out.pcap} (1024-byte fragments) or {@code seg FLOWS
   * SEGMENTS out.pcap} (1000-byte segments).
   */
  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "syn" -> synFlood(Path.of(args[2]), Integer.parseInt(args[1]));
      case "frag" -> fragmentFlood(Path.of(args[2]), Integer.parseInt(args[1]), 1024);
      case "http" -> httpFlows(Path.of(args[2]), Integer.parseInt(args[1]));
      case "seg" ->
          segmentFlood(
              Path.of(args[3]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1000);
      default -> throw new IllegalArgumentException("syn | frag | seg, not " + args[0]);
    }
  }
}
