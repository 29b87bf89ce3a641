package org.vigil.stream;

/**
 * TCP state of one sender of a connection (sequence space, what the peer ACKed, window, options)
 * and its stream.
 */
final class TcpSide {
  StreamDirection stream;
  boolean isnKnown;
  int isn;
  int baseSeq;
  int nextSeq;
  boolean ackKnown;
  int lastAck;

  /** Receiver's window for this side's data, in bytes; -1 unknown. */
  long window = -1;

  /**
   * Right edge of the widest window the receiver offered for this side's data (Suricata's
   * next_win).
   */
  int nextWin;

  boolean nextWinKnown;

  /** This side's window scale option (applies to windows it advertises); -1 absent. */
  int wscale = -1;

  boolean tsOption;
  boolean tsSeen;
  long lastTsVal;
  boolean sackPermitted;
  int mss = -1;
  boolean finSeen;
  int finSeq;
  int synDataLen;

  /**
   * The SYN's data was ACKed by the SYN-ACK but waits for a packet to the client to reach the app
   * layer.
   */
  boolean synDataHeld;

  /** The SYN carried a TCP Fast Open option. */
  boolean fastOpen;

  /** This side's stream had a gap (data missing before later data); EVE's ts_gap / tc_gap. */
  boolean gap;

  /**
   * Back to the state of a new side (every field), for a session reused by another flow; the stream
   * is handed back for reuse.
   */
  StreamDirection reset() {
    StreamDirection old = stream;
    stream = null;
    isnKnown = false;
    isn = 0;
    baseSeq = 0;
    nextSeq = 0;
    ackKnown = false;
    lastAck = 0;
    window = -1;
    nextWin = 0;
    nextWinKnown = false;
    wscale = -1;
    tsOption = false;
    tsSeen = false;
    lastTsVal = 0;
    sackPermitted = false;
    mss = -1;
    finSeen = false;
    finSeq = 0;
    synDataLen = 0;
    synDataHeld = false;
    fastOpen = false;
    gap = false;
    return old;
  }

  void setIsn(int isn) {
    this.isn = isn;
    this.isnKnown = true;
    this.baseSeq = isn + 1;
    this.nextSeq = isn + 1;
  }

  void readOptions(TcpSegment s) {
    wscale = s.tcpWscale() > 14 ? 14 : s.tcpWscale();
    tsOption = s.hasTcpTimestamp();
    if (tsOption) {
      tsSeen = true;
      lastTsVal = s.tcpTsVal();
    }
    sackPermitted = s.tcpSackPermitted();
    mss = s.tcpMss();
  }

  /**
   * The receiver ACKed up to {@link #lastAck} and offered {@link #window}: the right edge only
   * moves right.
   */
  void advertised() {
    if (window < 0) {
      return;
    }
    int edge = lastAck + (int) Math.min(window, Integer.MAX_VALUE);
    if (!nextWinKnown || edge - nextWin > 0) {
      nextWin = edge;
      nextWinKnown = true;
    }
  }

  /** Stream offset of a sequence number (wrap-safe around the contiguous point). */
  long offset(int seq) {
    long contig = stream.buffer.contig();
    int contigSeq = baseSeq + (int) contig;
    return contig + (seq - contigSeq);
  }

  /** Stream offset up to which the receiver acknowledged data (0 if nothing yet). */
  long ackOffset() {
    return ackKnown ? Math.max(0, offset(lastAck)) : 0;
  }
}
