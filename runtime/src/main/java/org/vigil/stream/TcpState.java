package org.vigil.stream;

/** Tracking state of a TCP connection as seen by the engine. */
public enum TcpState {
  /** Nothing seen yet. */
  NONE,
  /** Not tracked: started without a seen SYN while midstream pickup is off. */
  UNTRACKED,
  /** The client's SYN was seen. */
  SYN_SENT,
  /** The server answered (SYN-ACK, or its own SYN in a simultaneous open). */
  SYN_RECV,
  /** Handshake complete (or picked up midstream). */
  ESTABLISHED,
  /** At least one side sent a FIN. */
  CLOSING,
  /** Both FINs ACKed, a RST accepted, or the session ended. */
  CLOSED
}
