package org.vigil.stream;

/**
 * Anomalies and notable conditions seen while tracking a TCP connection, counted per session and
 * per engine.
 */
public enum StreamEvent {
  /** A segment resent bytes already stored, with the same content. */
  RETRANSMISSION,
  /** A segment overlapped stored bytes with different content (evasion attempt or broken stack). */
  OVERLAP_DIFFERENT_DATA,
  /** A RST that the receiving host's policy would not accept (bad sequence number); ignored. */
  RST_BAD_SEQ,
  /** A RST accepted by the receiving host: the connection is closed. */
  RST_ACCEPTED,
  /** Data sent beyond the sender's own FIN; not stored. */
  DATA_AFTER_FIN,
  /**
   * A segment running past the right edge of the receiver's window; neither its data, ACK nor FIN
   * count.
   */
  PACKET_OUTSIDE_WINDOW,
  /**
   * A segment whose ACK the receiver would not take (beyond the window it offered); the whole
   * segment is ignored.
   */
  INVALID_ACK,
  /** A segment whose timestamp is older than the last one of its sender (PAWS); not stored. */
  PAWS_FAILED,
  /** Timestamps were negotiated but a non-RST segment lacks the option. */
  TIMESTAMP_MISSING,
  /** A SYN repeated with a different initial sequence number. */
  SYN_RESEND_DIFFERENT_SEQ,
  /** A SYN on an established connection; ignored. */
  SYN_ON_ESTABLISHED,
  /** A SYN-ACK whose ACK does not match the SYN; ignored. */
  SYNACK_BAD_ACK,
  /** Both sides sent a SYN without ACK (simultaneous open). */
  SIMULTANEOUS_OPEN,
  /** Data carried on the SYN (TCP Fast Open). */
  DATA_ON_SYN,
  /** An ACK for data the engine never saw (missed packets). */
  ACK_UNSEEN_DATA,
  /** A hole confirmed by ACKs past it and skipped; consumers were told of the gap. */
  GAP,
  /** The session started without a seen SYN and midstream pickup is off: not tracked. */
  MIDSTREAM_NOT_TRACKED,
  /** The session was picked up midstream. */
  MIDSTREAM_PICKUP,
  /** The reassembly depth was reached in a direction; later bytes are not reassembled. */
  DEPTH_REACHED,
  /** The memory cap refused storage of a segment. */
  MEMCAP_REACHED,
  /** A keep-alive probe (one byte or empty, one below the next sequence). */
  KEEPALIVE,
  /** A probe into a zero window; not stored (the receiver drops it). */
  ZERO_WINDOW_PROBE,
  /** A segment that arrived after the connection was closed. */
  PACKET_AFTER_CLOSE,
  /** A segment with an invalid flag combination (SYN+RST, SYN+FIN, none). */
  INVALID_FLAGS,
  /** A segment carrying no ACK where one is required. */
  MISSING_ACK,
  /**
   * A segment whose TTL / hop limit is more than {@code stream.ttl-delta} below the first one its
   * sender used on the flow: a decoy that expires before the receiver; neither tracked nor
   * reassembled (dropped inline).
   */
  TTL_DECOY
}
