package org.vigil.stream;

/**
 * What a synchronized segment that passed the window and ACK checks shows the close states, as bits
 * of an int (no allocation per segment).
 */
final class CloseCues {
  /** Sent by the client. */
  static final int TO_SERVER = 1;

  /** Carries FIN. */
  static final int FIN = 1 << 1;

  /** Carries ACK. */
  static final int ACK = 1 << 2;

  /** The sender's FIN again, at the same sequence number. */
  static final int REPEATED_FIN = 1 << 3;

  /** Its ACK equals the one the sender last sent. */
  static final int SAME_ACK = 1 << 4;

  /** Its ACK covers the other side's FIN. */
  static final int ACKS_PEER_FIN = 1 << 5;

  /** It starts at the sender's next sequence number (a pure ACK, nothing skipped). */
  static final int AT_NEXT_SEQ = 1 << 6;

  private CloseCues() {}

  static boolean has(int cues, int cue) {
    return (cues & cue) != 0;
  }
}
