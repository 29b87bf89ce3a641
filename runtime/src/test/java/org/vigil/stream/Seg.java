package org.vigil.stream;

import java.nio.charset.StandardCharsets;

/** Test-only TCP segment. */
record Seg(
    int tcpSeq,
    int tcpAck,
    int tcpFlags,
    int tcpWindow,
    byte[] data,
    int payloadOffset,
    int payloadLength,
    boolean hasTcpTimestamp,
    long tcpTsVal,
    long tcpTsEcr,
    int tcpWscale,
    int tcpMss,
    boolean tcpSackPermitted,
    boolean tcpTfo,
    long timestampNanos)
    implements TcpSegment {

  static Seg of(int seq, int ack, int flags, int window, byte[] payload) {
    return new Seg(
        seq, ack, flags, window, payload, 0, payload.length, false, 0, 0, -1, -1, false, false, 0);
  }

  static Seg of(int seq, int ack, int flags, String payload) {
    return of(seq, ack, flags, 65535, payload.getBytes(StandardCharsets.ISO_8859_1));
  }

  Seg withTs(long val, long ecr) {
    return new Seg(
        tcpSeq,
        tcpAck,
        tcpFlags,
        tcpWindow,
        data,
        payloadOffset,
        payloadLength,
        true,
        val,
        ecr,
        tcpWscale,
        tcpMss,
        tcpSackPermitted,
        tcpTfo,
        timestampNanos);
  }

  /** The same segment with a TCP Fast Open option. */
  Seg withTfo() {
    return new Seg(
        tcpSeq,
        tcpAck,
        tcpFlags,
        tcpWindow,
        data,
        payloadOffset,
        payloadLength,
        hasTcpTimestamp,
        tcpTsVal,
        tcpTsEcr,
        tcpWscale,
        tcpMss,
        tcpSackPermitted,
        true,
        timestampNanos);
  }

  String payload() {
    return new String(data, payloadOffset, payloadLength, StandardCharsets.ISO_8859_1);
  }
}
