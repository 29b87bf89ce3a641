package org.vigil.stream.policy;

/**
 * How a target host resolves overlapping TCP segments and which RSTs it accepts; one implementation
 * per distinct behaviour, selected per destination host.
 */
public interface OverlapPolicy {
  /** Where a new segment starts relative to an already stored segment it overlaps. */
  enum Start {
    BEFORE,
    SAME,
    AFTER
  }

  /** The canonical name of this behaviour (e.g. "bsd"). */
  String name();

  /**
   * Whether the bytes of a new segment replace the stored bytes in the part where they overlap one
   * stored segment.
   *
   * @param start where the new segment starts relative to the stored one
   * @param endCmp sign of (new end - stored end): negative, zero or positive
   */
  boolean newDataWins(Start start, int endCmp);

  /**
   * Whether the host accepts a RST with sequence number {@code seq} (and {@code payloadLen} bytes)
   * given the sender's next expected sequence, the last sequence acknowledged by the host, and the
   * host's window.
   */
  boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window);

  /**
   * The common RST rule of most stacks: the RST sequence must be exactly the next expected
   * sequence.
   */
  static boolean exactRst(int seq, int nextSeq) {
    return seq == nextSeq;
  }

  /**
   * The RFC 793 in-window RST rule: from the last ACKed sequence to the right edge of the window.
   */
  static boolean inWindowRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return (seq + payloadLen) - lastAck >= 0 && seq - (int) (nextSeq + window) < 0;
  }
}
