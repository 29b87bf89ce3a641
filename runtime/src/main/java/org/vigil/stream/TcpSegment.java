package org.vigil.stream;

/**
 * The view of one decoded TCP segment that the stream engine reads (implemented by the decoder's
 * packet).
 */
public interface TcpSegment {
  /** Raw 32-bit sequence number. */
  int tcpSeq();

  /** Raw 32-bit acknowledgement number. */
  int tcpAck();

  /** TCP flags, see {@link TcpFlags}. */
  int tcpFlags();

  /** Raw (unscaled) advertised window. */
  int tcpWindow();

  /** The array holding the payload. */
  byte[] data();

  /** Offset of the TCP payload in {@link #data()}. */
  int payloadOffset();

  /** Length of the TCP payload. */
  int payloadLength();

  /** Whether the segment carries a TCP timestamp option. */
  boolean hasTcpTimestamp();

  /** Timestamp value (unsigned 32 bits). */
  long tcpTsVal();

  /** Timestamp echo reply (unsigned 32 bits). */
  long tcpTsEcr();

  /** Window scale shift from the option, -1 if absent. */
  int tcpWscale();

  /** MSS option value, -1 if absent. */
  int tcpMss();

  /** Whether the SACK-permitted option is present. */
  boolean tcpSackPermitted();

  /**
   * Whether a TCP Fast Open option is present (kind 34, or the experimental kinds with magic
   * 0xF989).
   */
  default boolean tcpTfo() {
    return false;
  }

  /** The IP TTL (IPv4) or hop limit (IPv6) the segment arrived with; -1 when unknown. */
  default int ttl() {
    return -1;
  }

  /** Capture time in nanoseconds. */
  long timestampNanos();
}
