package org.vigil.stream;

/**
 * What the stream engine made of one segment: whether it was tracked and stored, the events it
 * raised, whether its payload was rewritten to the first-seen data (inline normalization; the
 * packet's checksum must then be fixed), and in inline mode the window of in-order data ending with
 * it that detection must scan before the packet is released. One instance per session, reused:
 * valid until the session's next call.
 */
public final class SegmentResult {
  boolean toServer;
  boolean tracked;
  boolean stored;
  boolean payloadRewritten;
  long events;
  byte[] windowBuf;
  int windowOff;
  int windowLen;
  int windowNewStart;
  long windowStreamOffset;
  long heldOffset;
  int heldLength;

  void reset(boolean dir) {
    toServer = dir;
    tracked = false;
    stored = false;
    payloadRewritten = false;
    events = 0;
    windowBuf = null;
    windowOff = 0;
    windowLen = 0;
    windowNewStart = 0;
    windowStreamOffset = 0;
    heldOffset = 0;
    heldLength = 0;
  }

  /**
   * How many first bytes of the segment's payload the stream holds as sent, from stream offset
   * {@link #heldOffset()}: the payload went into the stream in order (not behind a hole) and
   * overlapped no bytes that differ (0 when not so, or when part of it lies past the depth).
   */
  public int heldLength() {
    return heldLength;
  }

  /** The stream offset of the payload's first byte when {@link #heldLength()} is not 0. */
  public long heldOffset() {
    return heldOffset;
  }

  /** Direction of the segment (client to server). */
  public boolean toServer() {
    return toServer;
  }

  /** The session is tracked and the segment was processed by the TCP state machine. */
  public boolean tracked() {
    return tracked;
  }

  /**
   * The segment's payload went into the stream: new bytes were stored, or it retransmitted data
   * still held (its bytes are inspected as stream data, not as a packet payload for every rule).
   */
  public boolean stored() {
    return stored;
  }

  /**
   * Inline: the payload in the packet's array was rewritten to the data first seen for these
   * sequence numbers.
   */
  public boolean payloadRewritten() {
    return payloadRewritten;
  }

  /**
   * Inline: the packet must not be forwarded, as its bytes would differ from what was inspected: a
   * TTL decoy, or a segment whose overlapping bytes differ from the data first seen (they were
   * inspected as the first data).
   */
  public boolean dropInline() {
    return has(StreamEvent.TTL_DECOY) || payloadRewritten;
  }

  /** Whether this segment raised the event. */
  public boolean has(StreamEvent e) {
    return (events & (1L << e.ordinal())) != 0;
  }

  /** Inline: whether a window is available for this segment. */
  public boolean hasWindow() {
    return windowBuf != null && windowLen > 0;
  }

  /** Inline window bytes (valid until the next call on the session). */
  public byte[] windowBuf() {
    return windowBuf;
  }

  /** Start of the window in {@link #windowBuf()}. */
  public int windowOff() {
    return windowOff;
  }

  /** Length of the window. */
  public int windowLen() {
    return windowLen;
  }

  /** Index in the window where bytes not scanned on an earlier segment begin. */
  public int windowNewStart() {
    return windowNewStart;
  }

  /** Stream offset of the first window byte. */
  public long windowStreamOffset() {
    return windowStreamOffset;
  }

  /** A copy of the window bytes. */
  public byte[] windowBytes() {
    return windowBuf == null
        ? new byte[0]
        : java.util.Arrays.copyOfRange(windowBuf, windowOff, windowOff + windowLen);
  }
}
