package org.vigil.stream;

import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.FIN;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

import org.vigil.stream.policy.OverlapPolicy;

/**
 * TCP tracking and reassembly of one connection (one per flow, driven by one thread). Segments are
 * handed in with a flag saying whether they come from the flow's initiator; the engine follows the
 * handshake, validates sequence numbers, windows, timestamps and RSTs (per the receiving host's
 * policy), reassembles both directions and feeds the app-layer consumer, the raw inspector (IDS) or
 * the inline window. Each segment is handled by the session's current state ({@link
 * TcpStateHandler}: one class per TCP state, Suricata's close states included).
 */
public final class TcpSession {
  private final TcpConnection c;
  private StreamMemory account;
  private long accounted;

  /**
   * A session for a flow.
   *
   * @param initiatorPolicy overlap/RST policy of the host that initiated the flow (applies to data
   *     sent to it)
   * @param responderPolicy policy of the responding host (applies to data sent to it)
   * @param initiatorPort the initiator's TCP port; responderPort the responder's
   */
  public TcpSession(
      StreamConfig config,
      StreamCounters counters,
      StreamMemory memory,
      OverlapPolicy initiatorPolicy,
      OverlapPolicy responderPolicy,
      int initiatorPort,
      int responderPort) {
    this.c =
        new TcpConnection(
            config,
            counters,
            memory,
            initiatorPolicy,
            responderPolicy,
            initiatorPort,
            responderPort);
    counters.session();
  }

  /**
   * This session, closed, made new for another flow (as the constructor makes one): see {@link
   * StreamEngine#recycle}.
   */
  void reopen(
      StreamCounters counters,
      OverlapPolicy initiatorPolicy,
      OverlapPolicy responderPolicy,
      int initiatorPort,
      int responderPort) {
    c.reopen(initiatorPolicy, responderPolicy, initiatorPort, responderPort);
    counters.session();
  }

  /**
   * A closed session lets go of its flow's consumers and data, as it waits for reuse; false (and
   * nothing changed) when it was not closed.
   */
  boolean detach() {
    if (!(c.state instanceof ClosedState) || account != null) {
      return false;
    }
    c.consumer = null;
    c.rawInspector = null;
    c.result.reset(true);
    for (TcpSide side : new TcpSide[] {c.client, c.server}) {
      if (side.stream != null) {
        side.stream.buffer.discard();
      }
    }
    return true;
  }

  /** The session's state is counted at {@code bytes} in {@code budget} until {@link #close}. */
  void accountIn(StreamMemory budget, long bytes) {
    account = budget;
    accounted = bytes;
  }

  /**
   * Reserves {@code bytes} more for state kept beside the session (its directions' kept packet
   * scans) in the session's budget ({@code stream.memcap}), given back with the session's own at
   * {@link #close}; false when the budget has no room or the session is closed. A session made
   * outside an engine has no budget: everything is granted until it closes.
   */
  public boolean reserve(long bytes) {
    if (account == null) {
      return !(c.state instanceof ClosedState);
    }
    if (!account.reserve(bytes)) {
      return false;
    }
    accounted += bytes;
    return true;
  }

  /** Registers the app-layer consumer, woken when new in-order data, a gap or the end arrives. */
  public void setConsumer(StreamConsumer consumer) {
    c.consumer = consumer;
  }

  /** Registers the raw stream inspector (IDS mode: ACKed data in overlapping chunks). */
  public void setRawInspector(RawInspector inspector) {
    c.rawInspector = inspector;
  }

  /** Current state. */
  public TcpState state() {
    return c.state.exposed();
  }

  /**
   * OR of the TCP flags of the segments one end sent since the session began ({@code
   * fromInitiator}: the flow's initiator's), the segment that began it included; 0 for a session
   * not begun (no SYN seen while midstream pickup is off).
   */
  public int flagsSeen(boolean fromInitiator) {
    return (fromInitiator ? c.flagsFromInitiator : c.flagsFromResponder) & 0xff;
  }

  /** True when the stream of the TCP client ({@code client}) or server had a gap. */
  public boolean hadGap(boolean client) {
    return c.side(client).gap;
  }

  /**
   * The session's state as Suricata 7's EVE flow records name it ({@code syn_sent}, {@code
   * syn_recv}, {@code established}, {@code fin_wait1}, {@code fin_wait2}, {@code closing}, {@code
   * close_wait}, {@code last_ack}, {@code time_wait}, {@code closed}), or null before it began.
   * Read it before {@link #close}, which closes the session.
   */
  public String eveState() {
    return switch (c.state) {
      case ListenState l -> null;
      case SynSentState s -> "syn_sent";
      case ClosedState s -> "closed";
      case SynRecvState s -> "syn_recv";
      case EstablishedState s -> "established";
      case FinWait1State s -> "fin_wait1";
      case FinWait2State s -> "fin_wait2";
      case ClosingState s -> "closing";
      case CloseWaitState s -> "close_wait";
      case LastAckState s -> "last_ack";
      case TimeWaitState s -> "time_wait";
      // Suricata's session is closed while Vigil waits for the last FIN's ACK
      case DrainingState s -> "closed";
    };
  }

  /** True when the session is established, or closing or closed after it was. */
  public boolean established() {
    TcpState st = state();
    return st == TcpState.ESTABLISHED || st == TcpState.CLOSING || st == TcpState.CLOSED;
  }

  /** How many times this session raised the event. */
  public int eventCount(StreamEvent e) {
    return c.eventCount(e);
  }

  /**
   * Whether the TCP client (the SYN sender) is the flow's initiator (false when roles were swapped
   * by a late SYN).
   */
  public boolean clientIsInitiator() {
    return c.clientIsInitiator;
  }

  /** Bytes of the direction handed to the app layer so far (gaps included). */
  public long appProgress(boolean toServer) {
    TcpSide s = c.side(toServer);
    return s.stream == null ? 0 : s.stream.appProgress;
  }

  /**
   * Sequence space a side has used since its SYN: its next expected sequence number minus its
   * initial one (what Suricata's stream_size compares); 0 before the side's ISN is known.
   */
  public long sequenceBytes(boolean client) {
    TcpSide s = c.side(client);
    return s.isnKnown ? (s.nextSeq - s.isn) & 0xFFFFFFFFL : 0;
  }

  /**
   * Bytes of direction {@code toServer} received in sequence so far, ACKed or not (its FIN not
   * counted); 0 before its first byte.
   */
  public long receivedBytes(boolean toServer) {
    TcpSide s = c.side(toServer);
    if (!s.isnKnown) {
      return 0;
    }
    int end = s.finSeen && s.nextSeq - s.finSeq > 0 ? s.finSeq : s.nextSeq;
    long n = (end - s.baseSeq) & 0xFFFFFFFFL;
    return n > Integer.MAX_VALUE ? 0 : n;
  }

  /**
   * The receiver's latest window for direction {@code toServer}'s data, in bytes (scaled); -1
   * before one is known.
   */
  public long window(boolean toServer) {
    return c.side(toServer).window;
  }

  /** The configured reassembly depth per direction, in bytes (0: unlimited). */
  public long configuredDepth() {
    return c.config.depth();
  }

  /** Bytes of the direction raw-inspected so far. */
  public long rawProgress(boolean toServer) {
    TcpSide s = c.side(toServer);
    return s.stream == null ? 0 : s.stream.rawProgress;
  }

  /**
   * Raw inspection of a direction read its data up to {@code offset} outside the session (a flush).
   */
  void rawInspectedTo(boolean toServer, long offset) {
    TcpSide s = c.side(toServer);
    if (s.stream != null && offset > s.stream.rawProgress) {
      s.stream.rawProgress = offset;
    }
  }

  /**
   * The identity of direction {@code toServer}'s reassembly store (null before it opens): with
   * {@link #dataStamp}, what a reader of stream bytes compares to know they still read the same.
   */
  public Object dataStore(boolean toServer) {
    return c.side(toServer).stream;
  }

  /**
   * The stamp of direction {@code toServer}'s store: while the store and its stamp stay the same,
   * every byte it stored since still reads as it was stored (the stamp changes when overlapping
   * data differs, held data is dropped, or the store is freed or made anew).
   */
  public long dataStamp(boolean toServer) {
    StreamDirection d = c.side(toServer).stream;
    return d == null ? 0 : d.stamp;
  }

  /** The reassembly store of a direction (package-private, for tests and diagnostics). */
  StreamBuffer buffer(boolean toServer) {
    TcpSide s = c.side(toServer);
    return s.stream == null ? null : s.stream.buffer;
  }

  /** Processes one segment; the returned result is reused by the next call. */
  public SegmentResult process(TcpSegment seg, boolean fromInitiator) {
    c.counters.segment();
    boolean started = !(c.state instanceof ListenState);
    if (started) {
      c.flagsSeen(fromInitiator, seg.tcpFlags());
    }
    boolean toServer = fromInitiator == c.clientIsInitiator;
    SegmentResult result = c.result;
    result.reset(toServer);
    if (c.ttlDecoy(seg, fromInitiator)) {
      return result; // never reaches the receiver: its data, flags and ACK do not count
    }
    int flags = seg.tcpFlags();
    if ((flags & (SYN | RST)) == (SYN | RST)
        || (flags & (SYN | FIN)) == (SYN | FIN)
        || (flags & (SYN | RST | FIN | ACK)) == 0) {
      if (!(c.state instanceof ListenState)) {
        c.event(StreamEvent.INVALID_FLAGS);
      }
      return result;
    }
    c.state.segment(c, seg, fromInitiator, toServer, flags);
    if (!started && !(c.state instanceof ListenState)) {
      c.flagsSeen(fromInitiator, flags);
    }
    if (c.suricataRawTiming()) {
      // Suricata's raw timing: the ACKed data of the packet's direction, at any size in its late
      // close states
      TcpSide own = c.side(toServer);
      if (own.stream != null) {
        own.stream.deliverRawWhenReady(
            c.rawInspector, c.state.rawAtAnySize() ? 0 : c.config.rawMinChunk(), c.counters);
      }
    }
    return result;
  }

  /**
   * An app layer raises the session's reassembly depth (0 = unlimited; never lowered), as
   * Suricata's {@code TcpSessionSetReassemblyDepth} when a protocol is detected whose parser asks
   * for it (SMB: unlimited). A direction that already reached its depth keeps it.
   */
  public void raiseReassemblyDepth(long bytes) {
    for (TcpSide side : new TcpSide[] {c.client, c.server}) {
      if (side.stream != null && !side.stream.depthReported) {
        side.stream.buffer.raiseDepth(bytes);
      }
    }
  }

  /**
   * The app layer completed a unit in direction {@code toServer} (an HTTP request or response):
   * with Suricata's raw timing, the direction's ACKed data is inspected raw on its next packet even
   * below the chunk size.
   */
  public void triggerRaw(boolean toServer) {
    TcpSide side = c.side(toServer);
    if (side.stream != null) {
      side.stream.rawTrigger = true;
    }
  }

  /**
   * Ends the session (flow timeout or end of capture): data still held is flushed (holes before
   * later data become gaps) to the app layer and raw inspection, then both directions are closed.
   * Idempotent.
   */
  public void close() {
    for (TcpSide side : new TcpSide[] {c.client, c.server}) {
      if (side.stream == null) {
        continue;
      }
      if (!side.stream.closeDelivered) {
        long maxEnd = side.stream.buffer.maxEnd();
        if (maxEnd > side.stream.buffer.contig() && side.stream.skipGapsTo(maxEnd) > 0) {
          side.gap = true;
          c.event(StreamEvent.GAP);
        }
        c.flush(side, false);
      } else {
        if (c.suricataRawTiming()) {
          side.stream.deliverRaw(
              side.stream.buffer.contig(), c.rawInspector, Integer.MAX_VALUE, 0, c.counters);
        }
        side.stream.free();
      }
    }
    c.state = ClosedState.INSTANCE;
    if (account != null) {
      account.release(accounted);
      account = null;
    }
  }
}
