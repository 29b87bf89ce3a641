package org.vigil.stream;

import static org.vigil.stream.TcpFlags.ACK;
import static org.vigil.stream.TcpFlags.FIN;
import static org.vigil.stream.TcpFlags.RST;
import static org.vigil.stream.TcpFlags.SYN;

import org.vigil.stream.policy.OverlapPolicy;

/**
 * TCP tracking and reassembly of one connection (one per flow, driven by one thread). Segments are handed in with a
 * flag saying whether they come from the flow's initiator; the engine follows the handshake, validates sequence
 * numbers, windows, timestamps and RSTs (per the receiving host's policy), reassembles both directions and feeds the
 * app-layer consumer, the raw inspector (IDS) or the inline window.
 */
public final class TcpSession {
    private final StreamConfig config;
    private final StreamCounters counters;
    private final StreamMemory memory;
    private final OverlapPolicy initiatorPolicy;
    private final OverlapPolicy responderPolicy;
    private final int initiatorPort;
    private final int responderPort;
    private final int[] eventCounts = new int[StreamEvent.values().length];
    private final SegmentResult result = new SegmentResult();

    private TcpState state = TcpState.NONE;
    private boolean clientIsInitiator = true;
    private final TcpSide client = new TcpSide();
    private final TcpSide server = new TcpSide();
    private boolean simultaneous;
    private boolean handshakeSeen;
    private StreamConsumer consumer;
    private RawInspector rawInspector;

    /**
     * A session for a flow.
     *
     * @param initiatorPolicy overlap/RST policy of the host that initiated the flow (applies to data sent to it)
     * @param responderPolicy policy of the responding host (applies to data sent to it)
     * @param initiatorPort   the initiator's TCP port; responderPort the responder's
     */
    public TcpSession(StreamConfig config, StreamCounters counters, StreamMemory memory, OverlapPolicy initiatorPolicy,
                      OverlapPolicy responderPolicy, int initiatorPort, int responderPort) {
        this.config = config;
        this.counters = counters;
        this.memory = memory;
        this.initiatorPolicy = initiatorPolicy;
        this.responderPolicy = responderPolicy;
        this.initiatorPort = initiatorPort;
        this.responderPort = responderPort;
        counters.session();
    }

    /** Registers the app-layer consumer, woken when new in-order data, a gap or the end arrives. */
    public void setConsumer(StreamConsumer consumer) {
        this.consumer = consumer;
    }

    /** Registers the raw stream inspector (IDS mode: ACKed data in overlapping chunks). */
    public void setRawInspector(RawInspector inspector) {
        this.rawInspector = inspector;
    }

    /** Current state. */
    public TcpState state() {
        return state;
    }

    /** How many times this session raised the event. */
    public int eventCount(StreamEvent e) {
        return eventCounts[e.ordinal()];
    }

    /** Whether the TCP client (the SYN sender) is the flow's initiator (false when roles were swapped by a late SYN). */
    public boolean clientIsInitiator() {
        return clientIsInitiator;
    }

    /** Bytes of the direction handed to the app layer so far (gaps included). */
    public long appProgress(boolean toServer) {
        TcpSide s = toServer ? client : server;
        return s.stream == null ? 0 : s.stream.appProgress;
    }

    /**
     * Sequence space a side has used since its SYN: its next expected sequence number minus its
     * initial one (what Suricata's stream_size compares); 0 before the side's ISN is known.
     */
    public long sequenceBytes(boolean client) {
        TcpSide s = client ? this.client : this.server;
        return s.isnKnown ? (s.nextSeq - s.isn) & 0xFFFFFFFFL : 0;
    }

    /** Bytes of the direction raw-inspected so far. */
    public long rawProgress(boolean toServer) {
        TcpSide s = toServer ? client : server;
        return s.stream == null ? 0 : s.stream.rawProgress;
    }

    /** Raw inspection of a direction read its data up to {@code offset} outside the session (a flush). */
    void rawInspectedTo(boolean toServer, long offset) {
        TcpSide s = toServer ? client : server;
        if (s.stream != null && offset > s.stream.rawProgress) {
            s.stream.rawProgress = offset;
        }
    }

    /** The reassembly store of a direction (package-private, for tests and diagnostics). */
    StreamBuffer buffer(boolean toServer) {
        TcpSide s = toServer ? client : server;
        return s.stream == null ? null : s.stream.buffer;
    }

    /** Suricata's close states, which decide when it inspects raw data at any size. */
    private final SuricataCloseState suricataClose = new SuricataCloseState();

    private void event(StreamEvent e) {
        counters.count(e);
        eventCounts[e.ordinal()]++;
        result.events |= 1L << e.ordinal();
    }

    /** Processes one segment; the returned result is reused by the next call. */
    public SegmentResult process(TcpSegment seg, boolean fromInitiator) {
        counters.segment();
        boolean toServer = fromInitiator == clientIsInitiator;
        result.reset(toServer);
        int flags = seg.tcpFlags();
        if ((flags & (SYN | RST)) == (SYN | RST) || (flags & (SYN | FIN)) == (SYN | FIN)
                || (flags & (SYN | RST | FIN | ACK)) == 0) {
            if (state != TcpState.NONE && state != TcpState.UNTRACKED) {
                event(StreamEvent.INVALID_FLAGS);
            }
            return result;
        }
        switch (state) {
            case NONE, UNTRACKED -> start(seg, fromInitiator, flags);
            case SYN_SENT -> synSent(seg, toServer, flags);
            case SYN_RECV -> synRecv(seg, toServer, flags);
            case ESTABLISHED, CLOSING -> established(seg, toServer, flags);
            case CLOSED -> {
                if ((flags & RST) == 0) {
                    event(StreamEvent.PACKET_AFTER_CLOSE);
                }
            }
        }
        if (config.mode() == StreamMode.IDS && config.rawMinChunk() > 0) {
            TcpSide own = toServer ? client : server;
            if (own.stream != null) {
                own.stream.deliverRawWhenReady(rawInspector, closingAsSuricata() ? 0 : config.rawMinChunk(), counters);
            }
        }
        return result;
    }

    /**
     * True once Suricata's session state is past TIME_WAIT (CLOSE_WAIT, LAST_ACK, CLOSED), where it inspects the
     * ACKed raw data of each direction on that direction's next packet whatever its size. A client closing first
     * puts Suricata's session in CLOSE_WAIT at once, a simultaneous close in CLOSING; a server closing first goes
     * through FIN_WAIT and TIME_WAIT, and only the close's last ACK ends it.
     */
    private boolean closingAsSuricata() {
        return state == TcpState.CLOSED || suricataClose.forcesRawInspection();
    }

    /**
     * An app layer raises the session's reassembly depth (0 = unlimited; never lowered), as Suricata's
     * {@code TcpSessionSetReassemblyDepth} when a protocol is detected whose parser asks for it (SMB: unlimited).
     * A direction that already reached its depth keeps it.
     */
    public void raiseReassemblyDepth(long bytes) {
        for (TcpSide side : new TcpSide[] {client, server}) {
            if (side.stream != null && !side.stream.depthReported) {
                side.stream.buffer.raiseDepth(bytes);
            }
        }
    }

    /**
     * The app layer completed a unit in direction {@code toServer} (an HTTP request or response): with Suricata's raw
     * timing, the direction's ACKed data is inspected raw on its next packet even below the chunk size.
     */
    public void triggerRaw(boolean toServer) {
        TcpSide side = toServer ? client : server;
        if (side.stream != null) {
            side.stream.rawTrigger = true;
        }
    }

    private void start(TcpSegment seg, boolean fromInitiator, int flags) {
        if ((flags & SYN) != 0 && (flags & ACK) == 0) {
            clientIsInitiator = fromInitiator;
            result.toServer = true;
            result.tracked = true;
            openStreams();
            client.setIsn(seg.tcpSeq());
            client.readOptions(seg);
            client.window = -1;
            state = TcpState.SYN_SENT;
            client.fastOpen = seg.tcpTfo();
            if (seg.payloadLength() > 0) {
                event(StreamEvent.DATA_ON_SYN);
                if (client.fastOpen) {
                    // as Suricata: data on a SYN counts only with a TCP Fast Open option; a SYN-ACK acknowledging
                    // data on a plain SYN does not fit the handshake and is refused
                    client.synDataLen = seg.payloadLength();
                    storeData(client, seg, seg.tcpSeq() + 1, seg.payloadLength(), true);
                }
            }
            return;
        }
        if (!config.midstream()) {
            if (state == TcpState.NONE) {
                event(StreamEvent.MIDSTREAM_NOT_TRACKED);
                state = TcpState.UNTRACKED;
            }
            return;
        }
        if ((flags & ACK) == 0 || (flags & RST) != 0) {
            return;
        }
        // midstream pickup: the sender of this segment is taken as the client (direction unknown otherwise)
        event(StreamEvent.MIDSTREAM_PICKUP);
        clientIsInitiator = fromInitiator;
        result.toServer = true;
        result.tracked = true;
        openStreams();
        int seq = seg.tcpSeq();
        if ((flags & SYN) != 0) {
            // SYN-ACK without the SYN: the sender is the server
            clientIsInitiator = !fromInitiator;
            result.toServer = false;
            server.setIsn(seq);
            server.readOptions(seg);
            client.setIsn(seg.tcpAck() - 1);
            client.ackKnown = true;
            client.lastAck = seg.tcpAck();
            state = TcpState.SYN_RECV;
            return;
        }
        client.setIsn(seq - 1);
        server.setIsn(seg.tcpAck() - 1);
        server.ackKnown = true;
        server.lastAck = seg.tcpAck();
        state = TcpState.ESTABLISHED;
        established(seg, true, flags);
    }

    private void openStreams() {
        OverlapPolicy toServerPolicy = clientIsInitiator ? responderPolicy : initiatorPolicy;
        OverlapPolicy toClientPolicy = clientIsInitiator ? initiatorPolicy : responderPolicy;
        boolean inline = config.mode() == StreamMode.INLINE;
        client.stream = new StreamDirection(true, toServerPolicy, inline, memory, config.depth());
        server.stream = new StreamDirection(false, toClientPolicy, inline, memory, config.depth());
    }

    private void synSent(TcpSegment seg, boolean toServer, int flags) {
        result.tracked = true;
        int seq = seg.tcpSeq();
        if (toServer) {
            if ((flags & SYN) != 0) {
                if (seq != client.isn) {
                    event(StreamEvent.SYN_RESEND_DIFFERENT_SEQ);
                    if (client.stream.buffer.maxEnd() == 0) {
                        client.setIsn(seq);
                        client.readOptions(seg);
                    }
                }
                return;
            }
            if ((flags & RST) != 0) {
                state = TcpState.CLOSED;
                event(StreamEvent.RST_ACCEPTED);
                closeAll(true);
                return;
            }
            return; // no SYN-ACK seen yet: nothing the server accepted
        }
        if ((flags & RST) != 0) {
            // RST answer to the SYN: valid when it ACKs the SYN
            if ((flags & ACK) != 0 && seg.tcpAck() - client.baseSeq >= 0
                    && seg.tcpAck() - (client.baseSeq + client.synDataLen) <= 0) {
                event(StreamEvent.RST_ACCEPTED);
                state = TcpState.CLOSED;
                closeAll(false);
            } else {
                event(StreamEvent.RST_BAD_SEQ);
            }
            return;
        }
        if ((flags & SYN) == 0) {
            return;
        }
        if ((flags & ACK) == 0) {
            event(StreamEvent.SIMULTANEOUS_OPEN);
            simultaneous = true;
            server.setIsn(seq);
            server.readOptions(seg);
            state = TcpState.SYN_RECV;
            return;
        }
        int ack = seg.tcpAck();
        if (ack - client.baseSeq < 0 || ack - (client.baseSeq + client.synDataLen) > 0) {
            event(StreamEvent.SYNACK_BAD_ACK);
            return;
        }
        server.setIsn(seq);
        server.readOptions(seg);
        negotiate();
        handshakeSeen = true;
        if (client.synDataLen > 0 && ack == client.baseSeq) {
            // the server did not accept the data on the SYN: the host never sees it, so neither may the engine
            client.stream.buffer.free();
            client.stream = new StreamDirection(true, policyToServer(), config.mode() == StreamMode.INLINE, memory,
                    config.depth());
            client.nextSeq = client.baseSeq;
            client.synDataLen = 0;
        }
        client.ackKnown = true;
        client.lastAck = ack;
        client.window = seg.tcpWindow(); // windows in SYN segments are never scaled
        client.advertised();
        state = TcpState.SYN_RECV;
        if (seg.payloadLength() > 0) {
            event(StreamEvent.DATA_ON_SYN);
            server.synDataLen = seg.payloadLength();
            storeData(server, seg, seq + 1, seg.payloadLength(), false);
        }
        // TCP Fast Open: the SYN-ACK ACKs the SYN's data, but Suricata hands it to the app layer only on a later
        // packet to the client, as any client data (its SYN_SENT state runs no reassembly)
        client.synDataHeld = client.synDataLen > 0;
    }

    /** Window scaling and timestamps apply only when both SYNs carried the option. */
    private void negotiate() {
        if (client.wscale < 0 || server.wscale < 0) {
            client.wscale = -1;
            server.wscale = -1;
        }
        boolean ts = client.tsOption && server.tsOption;
        client.tsOption = ts;
        server.tsOption = ts;
    }

    private void synRecv(TcpSegment seg, boolean toServer, int flags) {
        result.tracked = true;
        TcpSide sender = toServer ? client : server;
        if ((flags & SYN) != 0) {
            if (simultaneous && (flags & ACK) != 0) {
                // SYN-ACK of a simultaneous open: acknowledges the peer's SYN
                if (!server.isnKnown || !client.isnKnown) {
                    return;
                }
                negotiate();
                handshakeSeen = true;
                handleAck(seg, sender, toServer ? server : client);
                if (client.ackKnown && server.ackKnown) {
                    state = TcpState.ESTABLISHED;
                }
                return;
            }
            if (seg.tcpSeq() != sender.isn) {
                event(StreamEvent.SYN_RESEND_DIFFERENT_SEQ);
            }
            return;
        }
        if (toServer && (flags & ACK) != 0 && (flags & RST) == 0 && seg.tcpAck() - server.baseSeq >= 0) {
            state = TcpState.ESTABLISHED;
        }
        established(seg, toServer, flags);
    }

    private void established(TcpSegment seg, boolean toServer, int flags) {
        result.tracked = true;
        TcpSide s = toServer ? client : server;
        TcpSide r = toServer ? server : client;
        int seq = seg.tcpSeq();
        int len = seg.payloadLength();
        if ((flags & SYN) != 0) {
            if (!toServer && (flags & ACK) != 0 && seq == s.isn) {
                return; // SYN-ACK retransmission
            }
            event(StreamEvent.SYN_ON_ESTABLISHED);
            return;
        }
        if ((flags & RST) != 0) {
            rst(seg, s, r);
            return;
        }
        if (s.tsOption) {
            if (seg.hasTcpTimestamp()) {
                long tsval = seg.tcpTsVal();
                if (s.tsSeen && tsval != 0 && (int) (tsval - s.lastTsVal) < 0) {
                    event(StreamEvent.PAWS_FAILED);
                    return;
                }
                s.tsSeen = true;
                s.lastTsVal = tsval;
            } else {
                event(StreamEvent.TIMESTAMP_MISSING);
            }
        }
        if ((flags & ACK) != 0 && invalidAck(seg.tcpAck(), r)) {
            event(StreamEvent.INVALID_ACK); // Suricata drops the whole segment from its session: data, ACK and FIN
            progress(s, toServer);
            return;
        }
        boolean zeroWindowProbe = len == 1 && s.window == 0 && seq == s.nextSeq;
        if ((len > 0 || (flags & FIN) != 0) && !zeroWindowProbe && outsideWindow(s, seq + len)) {
            // neither its data, nor its FIN, nor its ACK count; the sender's next sequence number still moves on
            event(StreamEvent.PACKET_OUTSIDE_WINDOW);
            if (seq + len - s.nextSeq > 0) {
                s.nextSeq = seq + len;
            }
            progress(s, toServer);
            return;
        }
        boolean sameAck = (flags & ACK) != 0 && r.ackKnown && seg.tcpAck() == r.lastAck;
        boolean repeatedFin = (flags & FIN) != 0 && s.finSeen && seq + len == s.finSeq;
        boolean atNextSeq = seq == s.nextSeq;
        if ((flags & ACK) != 0) {
            handleAck(seg, s, r);
        } else if (len > 0) {
            event(StreamEvent.MISSING_ACK);
        }
        if (len > 0) {
            data(seg, s, seq, len, toServer);
        }
        suricataClose.segment(toServer, (flags & FIN) != 0, (flags & ACK) != 0, repeatedFin, sameAck,
                (flags & ACK) != 0 && r.finSeen && seg.tcpAck() - (r.finSeq + 1) >= 0, atNextSeq);
        if ((flags & FIN) != 0 && !s.finSeen) {
            s.finSeen = true;
            s.finSeq = seq + len;
            if (s.finSeq + 1 - s.nextSeq > 0) {
                s.nextSeq = s.finSeq + 1;
            }
            s.stream.finOffset = s.offset(s.finSeq);
            state = TcpState.CLOSING;
        }
        if (!toServer) {
            client.synDataHeld = false;
        }
        if (!client.synDataHeld) {
            progress(s, toServer);
        }
        progress(r, !toServer);
        if (client.finSeen && server.finSeen && client.ackOffset() > client.stream.finOffset
                && server.ackOffset() > server.stream.finOffset) {
            state = TcpState.CLOSED;
            closeAll(toServer);
        }
    }

    /** The sender {@code s} acknowledges the receiver {@code r}'s data and advertises its window for it. */
    private void handleAck(TcpSegment seg, TcpSide s, TcpSide r) {
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
     * An ACK the receiver's stack would not take, as Suricata's {@code StreamTcpValidateAck}: past the right edge of
     * the window it ever offered the acknowledged side, or more than a window before what that side had ACKed.
     */
    private boolean invalidAck(int ack, TcpSide acked) {
        if (!handshakeSeen || !acked.ackKnown || !acked.nextWinKnown) {
            return false;
        }
        if (ack - acked.lastAck > 0) {
            return ack - acked.nextWin > 0;
        }
        return ack - acked.lastAck < 0 && acked.window > 0 && ack - (int) (acked.lastAck - acked.window) < 0;
    }

    private void rst(TcpSegment seg, TcpSide s, TcpSide r) {
        OverlapPolicy receiverPolicy = s == client ? policyToServer() : policyToClient();
        long window = s.window < 0 ? Integer.MAX_VALUE : s.window;
        int lastAck = s.ackKnown ? s.lastAck : s.baseSeq;
        int nextSeq = s.nextSeq;
        if (s == client && s.finSeen && !(s.ackKnown && s.lastAck - (s.finSeq + 1) >= 0)) {
            nextSeq = s.finSeq; // Suricata counts the client's FIN in its next_seq only once the server ACKed it
        }
        if (receiverPolicy.acceptsRst(seg.tcpSeq(), seg.payloadLength(), nextSeq, lastAck, window)) {
            event(StreamEvent.RST_ACCEPTED);
            state = TcpState.CLOSED;
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

    private void data(TcpSegment seg, TcpSide s, int seq, int len, boolean toServer) {
        int contigSeq = s.baseSeq + (int) s.stream.buffer.contig();
        if (len <= 1 && seq == contigSeq - 1 && contigSeq == s.nextSeq && (seg.tcpFlags() & (SYN | FIN | RST)) == 0) {
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
     * Whether a segment ending at {@code end} runs past the right edge of the widest window the receiver offered
     * (Suricata's {@code next_win}); only known after a seen handshake.
     */
    private boolean outsideWindow(TcpSide s, int end) {
        return handshakeSeen && s.nextWinKnown && end - s.nextWin > 0;
    }

    private void storeData(TcpSide s, TcpSegment seg, int seq, int len, boolean toServer) {
        StreamDirection dir = s.stream;
        long off = s.offset(seq);
        long contigBefore = dir.buffer.contig();
        int res = dir.buffer.insert(off, seg.data(), seg.payloadOffset(), len);
        counters.stored(dir.buffer.lastStoredBytes());
        if ((res & StreamBuffer.DIFFERENT) != 0) {
            event(StreamEvent.OVERLAP_DIFFERENT_DATA);
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
        result.stored = (res & StreamBuffer.NEW_BYTES) != 0;
        if (seq + len - s.nextSeq > 0) {
            s.nextSeq = seq + len;
        }
        if (config.mode() == StreamMode.INLINE) {
            inlineWindow(dir, toServer, contigBefore, off, off + len);
        }
    }

    /** Inline: the in-order data ending with this segment, preceded by the port's window of earlier bytes. */
    private void inlineWindow(StreamDirection dir, boolean toServer, long contigBefore, long s, long e) {
        int lookBehind = Math.max(0, config.inlineWindowForPort().applyAsInt(toServer ? serverPort() : clientPort()));
        dir.fillWindow(result, contigBefore, s, e, lookBehind);
    }

    private int serverPort() {
        return clientIsInitiator ? responderPort : initiatorPort;
    }

    private int clientPort() {
        return clientIsInitiator ? initiatorPort : responderPort;
    }

    /** Moves the app and raw marks of the side's data as far as the mode allows, then releases consumed bytes. */
    private void progress(TcpSide side, boolean toServer) {
        if (side.stream == null || !side.isnKnown) {
            return;
        }
        int keep = config.mode() == StreamMode.INLINE
                ? Math.max(0, config.inlineWindowForPort().applyAsInt(toServer ? serverPort() : clientPort())) : 0;
        if (side.stream.advance(side.ackOffset(), config, keep, consumer, rawInspector, counters)) {
            event(StreamEvent.GAP);
        }
    }

    /**
     * The session closed on a packet sent in direction {@code toServer}: both directions are flushed to the app layer.
     * With Suricata's raw timing only the packet's own direction is raw-inspected now, as Suricata reads the stream of
     * the packet's direction only; the other direction's ACKed data waits for that direction's next packet, and the
     * rest for the flow's end.
     */
    private void closeAll(boolean toServer) {
        boolean suricataRaw = config.mode() == StreamMode.IDS && config.rawMinChunk() > 0;
        flush(toServer ? client : server, false);
        flush(toServer ? server : client, suricataRaw);
    }

    private void flush(TcpSide side, boolean deferRaw) {
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
        dir.buffer.free();
    }

    /**
     * Ends the session (flow timeout or end of capture): data still held is flushed (holes before later data become
     * gaps) to the app layer and raw inspection, then both directions are closed. Idempotent.
     */
    public void close() {
        for (TcpSide side : new TcpSide[] {client, server}) {
            if (side.stream == null) {
                continue;
            }
            if (!side.stream.closeDelivered) {
                long maxEnd = side.stream.buffer.maxEnd();
                if (maxEnd > side.stream.buffer.contig() && side.stream.buffer.skipGapsTo(maxEnd) > 0) {
                    event(StreamEvent.GAP);
                }
                flush(side, false);
            } else {
                if (config.mode() == StreamMode.IDS && config.rawMinChunk() > 0) {
                    side.stream.deliverRaw(side.stream.buffer.contig(), rawInspector, Integer.MAX_VALUE, 0, counters);
                }
                side.stream.buffer.free();
            }
        }
        state = TcpState.CLOSED;
    }
}
