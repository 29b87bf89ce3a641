package org.vigil.stream;

import static org.vigil.stream.TcpFlags.FIN;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

import org.vigil.stream.policy.OverlapPolicy;

/**
 * What the state handlers of one TCP session work on: its current state, both senders' sequence
 * tracking and streams, the registered consumers, and the operations every state shares (ACKs,
 * RSTs, storing data, moving the app and raw marks, flushing on close). Driven by one thread.
 */
final class TcpConnection {
  final StreamConfig config;
  final StreamCounters counters;
  final StreamMemory memory;
  private OverlapPolicy initiatorPolicy;
  private OverlapPolicy responderPolicy;
  private int initiatorPort;
  private int responderPort;

  /** How many times each event was raised; null until the first one. */
  private int[] eventCounts;

  private static final int EVENTS = StreamEvent.values().length;
  final SegmentResult result = new SegmentResult();

  /** The session's one state; handlers replace it at the moment the connection changes state. */
  TcpStateHandler state = ListenState.NONE;

  boolean clientIsInitiator = true;
  final TcpSide client = new TcpSide();
  final TcpSide server = new TcpSide();
  boolean simultaneous;
  boolean handshakeSeen;
  StreamConsumer consumer;
  RawInspector rawInspector;

  /**
   * OR of the TCP flags of the flow initiator's and the responder's segments since the session
   * began (the segment that began it included), as Suricata's per-side tcp_flags.
   */
  byte flagsFromInitiator, flagsFromResponder;

  /** TTL / hop limit of the first segment of each sender on the flow (-1 until seen). */
  private int initiatorTtl = -1;

  private int responderTtl = -1;

  TcpConnection(
      StreamConfig config,
      StreamCounters counters,
      StreamMemory memory,
      OverlapPolicy initiatorPolicy,
      OverlapPolicy responderPolicy,
      int initiatorPort,
      int responderPort) {
    this.config = config;
    this.counters = counters;
    this.memory = memory;
    this.initiatorPolicy = initiatorPolicy;
    this.responderPolicy = responderPolicy;
    this.initiatorPort = initiatorPort;
    this.responderPort = responderPort;
  }

  /** The streams of the session this connection served last, reused by {@link #openStreams}. */
  private StreamDirection spareToServer, spareToClient;

  /**
   * Made new again for another flow's session, once the last one was closed (every field; the last
   * session's streams, freed by its close, are kept for reuse).
   */
  void reopen(
      OverlapPolicy initiatorPolicy,
      OverlapPolicy responderPolicy,
      int initiatorPort,
      int responderPort) {
    this.initiatorPolicy = initiatorPolicy;
    this.responderPolicy = responderPolicy;
    this.initiatorPort = initiatorPort;
    this.responderPort = responderPort;
    eventCounts = null;
    state = ListenState.NONE;
    clientIsInitiator = true;
    StreamDirection s = client.reset();
    spareToServer = s != null && s.toServer ? s : spareToServer;
    s = server.reset();
    spareToClient = s != null && !s.toServer ? s : spareToClient;
    simultaneous = false;
    handshakeSeen = false;
    consumer = null;
    rawInspector = null;
    initiatorTtl = -1;
    responderTtl = -1;
    flagsFromInitiator = 0;
    flagsFromResponder = 0;
  }

  /** The sender of direction {@code toServer}. */
  TcpSide side(boolean toServer) {
    return toServer ? client : server;
  }

  int eventCount(StreamEvent e) {
    return eventCounts == null ? 0 : eventCounts[e.ordinal()];
  }

  void event(StreamEvent e) {
    counters.count(e);
    if (eventCounts == null) {
      eventCounts = new int[EVENTS];
    }
    eventCounts[e.ordinal()]++;
    result.events |= 1L << e.ordinal();
  }

  /**
   * The TTL decoy guard: true (and the event raised) when the segment travelled more than the
   * configured delta of hops further than the first segment its sender used on the flow, which sets
   * the sender's reference. Hops are counted from the usual initial TTL at or above the value (64,
   * 128 or 255), so a server whose handshake comes from a front end with another initial TTL over
   * the same path (SYN-ACK at 237, data at 46: 18 hops each) is not taken for a decoy, while a
   * decoy sent to expire just past the sensor (TTL 1..a few) counts as many hops.
   */
  boolean ttlDecoy(TcpSegment seg, boolean fromInitiator) {
    int ttl = seg.ttl();
    if (config.ttlDelta() == 0 || ttl < 0) {
      return false;
    }
    int first = fromInitiator ? initiatorTtl : responderTtl;
    if (first < 0) {
      if (fromInitiator) {
        initiatorTtl = ttl;
      } else {
        responderTtl = ttl;
      }
      return false;
    }
    if (hops(ttl) - hops(first) > config.ttlDelta()) {
      event(StreamEvent.TTL_DECOY);
      return true;
    }
    return false;
  }

  /**
   * Hops a packet arriving with {@code ttl} travelled from the usual initial TTL at or above it.
   */
  private static int hops(int ttl) {
    return HOPS[ttl];
  }

  /**
   * {@link #hops} of every TTL (0..255), looked up without a branch: the per-segment check has no
   * path first taken when a flow with another initial TTL comes along late.
   */
  private static final int[] HOPS = new int[256];

  static {
    for (int ttl = 0; ttl < HOPS.length; ttl++) {
      HOPS[ttl] = (ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255) - ttl;
    }
  }

  /**
   * IDS mode with Suricata's raw timing (raw data inspected on packets of its direction, per
   * minimum chunk).
   */
  boolean suricataRawTiming() {
    return config.mode() == StreamMode.IDS && config.rawMinChunk() > 0;
  }

  void openStreams() {
    boolean inline = config.mode() == StreamMode.INLINE;
    client.stream =
        spareToServer != null
            ? spareToServer.reopen(policyToServer(), inline, config.depth())
            : new StreamDirection(true, policyToServer(), inline, memory, config.depth());
    server.stream =
        spareToClient != null
            ? spareToClient.reopen(policyToClient(), inline, config.depth())
            : new StreamDirection(false, policyToClient(), inline, memory, config.depth());
    spareToServer = null;
    spareToClient = null;
  }

  /**
   * Opens the streams when the client's SYN left them unopened: a SYN without data opens none, so a
   * session that never gets past its SYN (a SYN flood's) holds no stream state.
   */
  void ensureStreams() {
    if (client.stream == null) {
      openStreams();
    }
  }

  /**
   * The client's data on its SYN was not accepted: its stream starts over, empty, after the SYN.
   */
  void dropSynData() {
    client.stream.free();
    client.stream =
        new StreamDirection(
            true, policyToServer(), config.mode() == StreamMode.INLINE, memory, config.depth());
    client.nextSeq = client.baseSeq;
    client.synDataLen = 0;
  }

  /** Window scaling and timestamps apply only when both SYNs carried the option. */
  void negotiate() {
    if (client.wscale < 0 || server.wscale < 0) {
      client.wscale = -1;
      server.wscale = -1;
    }
    boolean ts = client.tsOption && server.tsOption;
    client.tsOption = ts;
    server.tsOption = ts;
  }

  /**
   * The sender {@code s} acknowledges the receiver {@code r}'s data and advertises its window for
   * it.
   */
  void handleAck(TcpSegment seg, TcpSide s, TcpSide r) {
    int ack = seg.tcpAck();
    if (!r.isnKnown) {
      return;
    }
    if (!r.ackKnown || ack - r.lastAck > 0) {
      if (ack - r.nextSeq > 0) {
        event(StreamEvent.ACK_UNSEEN_DATA);
        r.nextSeq = ack;
      }
      r.ackKnown = true;
      r.lastAck = ack;
    }
    int shift = s.wscale < 0 ? 0 : s.wscale;
    r.window = ((long) seg.tcpWindow()) << shift;
    if (r.ackKnown) {
      r.advertised();
    }
  }

  /**
   * An ACK the receiver's stack would not take, as Suricata's {@code StreamTcpValidateAck}: past
   * the right edge of the window it ever offered the acknowledged side, or more than a window
   * before what that side had ACKed.
   */
  boolean invalidAck(int ack, TcpSide acked) {
    if (!handshakeSeen || !acked.ackKnown || !acked.nextWinKnown) {
      return false;
    }
    if (ack - acked.lastAck > 0) {
      return ack - acked.nextWin > 0;
    }
    return ack - acked.lastAck < 0
        && acked.window > 0
        && ack - (int) (acked.lastAck - acked.window) < 0;
  }

  /**
   * Whether a segment ending at {@code end} runs past the right edge of the widest window the
   * receiver offered (Suricata's {@code next_win}); only known after a seen handshake.
   */
  boolean outsideWindow(TcpSide s, int end) {
    return handshakeSeen && s.nextWinKnown && end - s.nextWin > 0;
  }

  /**
   * A RST sent by {@code s}: closes the session when the receiver's policy accepts its sequence
   * number.
   */
  void rst(TcpSegment seg, TcpSide s) {
    OverlapPolicy receiverPolicy = s == client ? policyToServer() : policyToClient();
    long window = s.window < 0 ? Integer.MAX_VALUE : s.window;
    int lastAck = s.ackKnown ? s.lastAck : s.baseSeq;
    int nextSeq = s.nextSeq;
    if (s == client && s.finSeen && !(s.ackKnown && s.lastAck - (s.finSeq + 1) >= 0)) {
      nextSeq =
          s.finSeq; // Suricata counts the client's FIN in its next_seq only once the server ACKed
      // it
    }
    if (receiverPolicy.acceptsRst(seg.tcpSeq(), seg.payloadLength(), nextSeq, lastAck, window)) {
      event(StreamEvent.RST_ACCEPTED);
      state = ClosedState.INSTANCE;
      closeAll(s == client);
    } else {
      event(StreamEvent.RST_BAD_SEQ);
    }
  }

  private OverlapPolicy policyToServer() {
    return clientIsInitiator ? responderPolicy : initiatorPolicy;
  }

  private OverlapPolicy policyToClient() {
    return clientIsInitiator ? initiatorPolicy : responderPolicy;
  }

  /**
   * Payload of a synchronized segment: keep-alives and zero-window probes are not data; nothing
   * past the FIN.
   */
  void data(TcpSegment seg, TcpSide s, int seq, int len, boolean toServer) {
    int contigSeq = s.baseSeq + (int) s.stream.buffer.contig();
    if (len <= 1
        && seq == contigSeq - 1
        && contigSeq == s.nextSeq
        && (seg.tcpFlags() & (SYN | FIN | RST)) == 0) {
      event(StreamEvent.KEEPALIVE);
      return;
    }
    if (s.window == 0 && len == 1 && s.ackKnown && seq == s.lastAck) {
      event(StreamEvent.ZERO_WINDOW_PROBE);
      return;
    }
    if (s.finSeen && seq + len - s.finSeq > 0) {
      event(StreamEvent.DATA_AFTER_FIN);
      len = s.finSeq - seq;
      if (len <= 0) {
        return;
      }
    }
    storeData(s, seg, seq, len, toServer);
  }

  /**
   * Stores {@code len} bytes of the segment's payload at sequence number {@code seq} in the
   * sender's stream.
   */
  void storeData(TcpSide s, TcpSegment seg, int seq, int len, boolean toServer) {
    StreamDirection dir = s.stream;
    long off = s.offset(seq);
    long contigBefore = dir.buffer.contig();
    int res = dir.buffer.insert(off, seg.data(), seg.payloadOffset(), len);
    counters.stored(dir.buffer.lastStoredBytes());
    if ((res & StreamBuffer.DIFFERENT) != 0) {
      event(StreamEvent.OVERLAP_DIFFERENT_DATA);
      dir.stamp++; // overlapped bytes may now read as this segment's
    } else if ((res & StreamBuffer.OVERLAP) != 0 && (res & StreamBuffer.NEW_BYTES) == 0) {
      event(StreamEvent.RETRANSMISSION);
    }
    if ((res & StreamBuffer.REWRITTEN) != 0) {
      result.payloadRewritten = true;
    }
    if ((res & StreamBuffer.DEPTH) != 0 && !dir.depthReported) {
      dir.depthReported = true;
      event(StreamEvent.DEPTH_REACHED);
    }
    if ((res & StreamBuffer.MEMCAP) != 0) {
      event(StreamEvent.MEMCAP_REACHED);
    }
    // as Suricata's PKT_STREAM_ADD: a retransmission of data still held went into the stream too,
    // so its payload is stream data, not a packet payload for every rule
    result.stored = (res & (StreamBuffer.NEW_BYTES | StreamBuffer.ADDED)) != 0;
    // in order (data behind a hole waits for it), its bytes as sent
    if (result.stored
        && off <= contigBefore
        && (res & (StreamBuffer.DIFFERENT | StreamBuffer.DEPTH | StreamBuffer.MEMCAP)) == 0) {
      result.heldOffset = off;
      result.heldLength = len;
    }
    if (seq + len - s.nextSeq > 0) {
      s.nextSeq = seq + len;
    }
    // inline: a segment without new bytes (a retransmission, the same data or bytes rewritten to
    // it) repeats data already inspected with the segment that brought it: no window
    if (config.mode() == StreamMode.INLINE && (res & StreamBuffer.NEW_BYTES) != 0) {
      inlineWindow(dir, toServer, contigBefore, off, off + len);
    }
  }

  /**
   * Inline: the in-order data ending with this segment, preceded by the port's window of earlier
   * bytes.
   */
  private void inlineWindow(
      StreamDirection dir, boolean toServer, long contigBefore, long s, long e) {
    int lookBehind =
        Math.max(
            0, config.inlineWindowForPort().applyAsInt(toServer ? serverPort() : clientPort()));
    dir.fillWindow(result, contigBefore, s, e, lookBehind);
  }

  private int serverPort() {
    return clientIsInitiator ? responderPort : initiatorPort;
  }

  private int clientPort() {
    return clientIsInitiator ? initiatorPort : responderPort;
  }

  /**
   * Moves the app and raw marks of the side's data as far as the mode allows, then releases
   * consumed bytes.
   */
  void progress(TcpSide side, boolean toServer) {
    if (side.stream == null || !side.isnKnown) {
      return;
    }
    int keep =
        config.mode() == StreamMode.INLINE
            ? Math.max(
                0, config.inlineWindowForPort().applyAsInt(toServer ? serverPort() : clientPort()))
            : 0;
    if (side.stream.advance(side.ackOffset(), config, keep, consumer, rawInspector, counters)) {
      side.gap = true;
      event(StreamEvent.GAP);
    }
  }

  /**
   * The session closed on a packet sent in direction {@code toServer}: both directions are flushed
   * to the app layer. With Suricata's raw timing only the packet's own direction is raw-inspected
   * now, as Suricata reads the stream of the packet's direction only; the other direction's ACKed
   * data waits for that direction's next packet, and the rest for the flow's end.
   */
  void closeAll(boolean toServer) {
    boolean suricataRaw = suricataRawTiming();
    flush(side(toServer), false);
    flush(side(!toServer), suricataRaw);
  }

  /** Notes the flags of a segment of a started session (or of the segment that started it). */
  void flagsSeen(boolean fromInitiator, int flags) {
    if (fromInitiator) {
      flagsFromInitiator |= (byte) flags;
    } else {
      flagsFromResponder |= (byte) flags;
    }
  }

  /**
   * Hands the side's in-order data to the app layer and (unless deferred) raw inspection, then its
   * end.
   */
  void flush(TcpSide side, boolean deferRaw) {
    if (side.stream == null) {
      return;
    }
    StreamDirection dir = side.stream;
    long contig = dir.buffer.contig();
    counters.deliveredApp(dir.deliverApp(contig, consumer));
    if (deferRaw) {
      dir.holdRawUntil(Math.min(contig, side.ackOffset()));
      dir.deliverClose(consumer);
      return; // the buffer stays for the raw inspection still owed; close() frees it
    }
    if (config.mode() == StreamMode.IDS) {
      if (config.rawMinChunk() > 0) {
        dir.deliverRaw(contig, rawInspector, Integer.MAX_VALUE, 0, counters);
      } else {
        dir.deliverRaw(contig, rawInspector, config.rawChunkSize(), config.rawReach(), counters);
      }
    }
    dir.deliverClose(consumer);
    dir.free();
  }
}
