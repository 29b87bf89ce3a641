package org.vigil.thread;

import java.util.function.BiFunction;
import org.vigil.decode.Packet;
import org.vigil.detect.Detector;
import org.vigil.detect.PacketContextFiller;
import org.vigil.detect.RuleMeta;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;
import org.vigil.flow.Flow;
import org.vigil.flow.FlowEndListener;
import org.vigil.flow.FlowEndReason;
import org.vigil.flow.FlowSlot;
import org.vigil.flow.FlowSlots;
import org.vigil.stream.RawChunk;
import org.vigil.stream.SegmentResult;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.TcpSession;
import org.vigil.stream.TcpState;

/**
 * The detection stages for the packets of one thread: TCP tracking and reassembly, app-layer
 * parsing, then detection on each raw stream chunk, each app-layer unit and the packet itself.
 * A completed HTTP transaction is inspected when parsed; the rules mixing its buffers with raw
 * payload are matched later, with the raw stream chunks of its direction up to the end of that
 * direction's next packet (Suricata 7's stream inspect engine of app-layer rules). An app layer
 * may stop a flow's inspection (SSH once encrypted, see {@link InspectionCutoff}).
 * It owns the per-flow state of those stages, so a flow must always reach the same worker.
 */
public final class Worker implements FlowEndListener {
  private final Detector detector;
  private final StreamEngine streams;
  private final FlowSlot<FlowContext> slot;
  private final AlertListener alerts;
  private final BiFunction<Flow, Worker, AppLayerHandler> appLayer;
  private final InspectionContext ctx = new InspectionContext();
  private final AlertDedup dedup;
  /**
   * Dedup of the stream chunks of the direction the current packet was not sent in (a session
   * closing flushes both directions on one packet; Suricata inspects the other direction on
   * another packet, so its alerts count separately).
   */
  private final AlertDedup dedupOtherDirection;
  /** True while a stream chunk of the direction the current packet was not sent in is inspected. */
  private boolean otherDirection;
  private final Packet pseudo = new Packet(0);
  /** The pseudo packets of an app layer's inspection cutoff (see {@link InspectionCutoff}). */
  private final Packet flushPseudo = new Packet(0);
  private final FlowControl control = new FlowControl(this);
  /** True while the raw data pending at an inspection cutoff is inspected. */
  private boolean flushingCutoff;
  /** The packet being processed: the one alerts from stream chunks and transactions are attributed to. */
  private Packet current;
  /** The capture of the packets being processed, for pseudo packets made at flow end. */
  private String captureName;
  private long pseudoInspections;
  private org.vigil.app.http.HttpTransaction appTx;
  /** How the app-layer unit being inspected treats its rules; null evaluates and admits all. */
  private AppAdmission appAdmit;
  private TransactionLog transactionLog;
  /** The flowbits as they were before a trial evaluation of a chunk's repeated head. */
  private final org.vigil.detect.api.FlowBits trialBits = new org.vigil.detect.api.FlowBits();
  /** While a stream chunk is inspected: how many of its first bytes repeat the previous chunk. */
  private int chunkOldBytes;
  /** The rules mixing http buffers with raw payload: their raw part on the transaction's stream. */
  private final TxStreamEngine txStream;
  /**
   * True while a raw chunk Suricata would inspect on a no-payload packet is: only the rules without a
   * payload fast pattern are evaluated (see {@link InspectionCutoff#restricts}).
   */
  private boolean noFastPatternOnly;
  /** True while the packet that flushes a no-payload cutoff's pending direction is inspected (same rules). */
  private boolean packetNoFastPatternOnly;
  /** True once a raw chunk of that direction was handed out while the current packet was processed. */
  private boolean chunksToServer;
  private boolean chunksToClient;
  /** The rules with a payload fast pattern, made when first needed. */
  private PayloadFastPatterns payloadFastPatterns;
  /** True while the current packet's own inspection may evaluate IP-only rules. */
  private boolean ipOnlyRules;

  /**
   * A worker detecting with {@code detector}, tracking TCP with {@code streams}; {@code appLayer}
   * makes the app-layer handler of a new TCP flow (or returns null).
   */
  public Worker(Detector detector, StreamEngine streams, FlowSlots slots, AlertListener alerts,
      BiFunction<Flow, Worker, AppLayerHandler> appLayer) {
    this.detector = detector;
    this.streams = streams;
    this.slot = slots.register("detect", FlowContext.class);
    this.alerts = alerts;
    this.appLayer = appLayer;
    this.dedup = new AlertDedup(detector.ruleset().size());
    this.dedupOtherDirection = new AlertDedup(detector.ruleset().size());
    boolean mixed = false;
    for (int r = 0; r < detector.ruleset().size() && !mixed; r++) {
      mixed = (detector.ruleset().meta(r).scope() & RuleMeta.ON_TX_STREAM) != 0;
    }
    this.txStream = new TxStreamEngine(mixed, ctx, (tx, admit) -> {
      org.vigil.app.http.HttpTransaction savedTx = appTx;
      AppAdmission savedAdmit = appAdmit;
      appTx = tx;
      appAdmit = admit;
      inspect(current, InspectionUnit.APP_LAYER, RuleMeta.ON_TX_STREAM);
      appTx = savedTx;
      appAdmit = savedAdmit;
    });
  }

  /** Processes one decoded, flow-attached packet through stream, app layer and detection. */
  public void process(Packet p) {
    current = p;
    captureName = p.captureName();
    chunksToServer = false;
    chunksToClient = false;
    dedup.clear();
    dedupOtherDirection.clear();
    Flow f = p.flow();
    // Suricata's IP-only engine: of a flow, only the first packet of each direction (counted by the
    // flow table before any direction swap of the TCP tracker); every packet without a flow
    ipOnlyRules = f == null || (p.toServer() ? f.packetsToServer() : f.packetsToClient()) <= 1;
    FlowContext fc = null;
    boolean storedInStream = false;
    boolean established = false;
    boolean sessionToServer = p.toServer();
    boolean noPayload = false;
    if (f != null) {
      fc = f.get(slot);
      if (fc == null) {
        fc = new FlowContext();
        f.set(slot, fc);
      }
      if (p.isTcp()) {
        TcpSession s = session(f, fc, p);
        boolean fromInitiator = p.toServer() == fc.initiatorIsClient;
        // the header is filled before tracking so raw chunks emitted during it can be inspected
        PacketContextFiller.fillHeader(ctx, p, fc.flowbits, isEstablished(s));
        streamSizes(s);
        // an app layer that stopped the flow's inspection before this packet: no payload, no raw data
        noPayload = fc.cutoff != null;
        boolean pendingFlush = false;
        if (fc.protocolChangePending && (fc.protocolChange == null || fc.protocolChange.flushed())) {
          fc.protocolChange = new ProtocolChangeFlush(); // the raw data this packet hands out goes to its flush
          pendingFlush = true;
        }
        SegmentResult r = s.process(p, fromInitiator);
        storedInStream = r.stored();
        sessionToServer = r.toServer();
        established = isEstablished(s);
        if (fc.protocolChange != null && !fc.protocolChange.flushed()) {
          if (pendingFlush && !fc.protocolChangePending) {
            inspectKeptChunks(fc); // the new protocol was detected on this packet: no flush
          } else {
            flushOnPseudoPackets(f, fc, p, sessionToServer, fc.protocolChange::kept, fc.protocolChange);
          }
        }
        if (fc.cutoff != null && !fc.cutoff.flushed()) {
          if (fc.cutoff.flushesOnPseudoPackets()) {
            flushOnPseudoPackets(f, fc, p, sessionToServer, fc.cutoff::kept, null);
          } else {
            fc.cutoff.markFlushedAfter(sessionToServer, hadStreamData(s, p, sessionToServer));
          }
        } else if (fc.cutoff != null && fc.cutoff.pending(sessionToServer)
            && hadStreamData(s, p, sessionToServer)) {
          // Suricata: the pending direction's stream has data, so this no-payload packet flushes it
          // and is inspected with its payload by the rules without a payload fast pattern
          fc.cutoff.packetDone(sessionToServer);
          noPayload = false;
          packetNoFastPatternOnly = true;
          if (payloadFastPatterns == null) {
            payloadFastPatterns = new PayloadFastPatterns(detector.ruleset());
          }
        }
        if (r.hasWindow() && !noPayload) {
          inspectInlineWindow(r);
        }
      } else {
        established = f.packetsToServer() > 0 && f.packetsToClient() > 0;
      }
    }
    PacketContextFiller.fillHeader(ctx, p, fc == null ? null : fc.flowbits, established);
    if (fc != null && fc.tcp != null) {
      streamSizes(fc.tcp);
    }
    // the payload of a segment stored in the stream is inspected only by the rules that require
    // the packet (dsize, depth/offset contents, ...): the others see it in a stream chunk
    PacketContextFiller.fillPayload(ctx, p);
    if (noPayload) {
      // as Suricata's no-payload packets: header rules only; a dsize asking for a payload fails
      ctx.setBuffer(Buffers.PAYLOAD, p.data(), p.payloadOffset(), 0);
      ctx.dsize = 0;
    }
    if (fc != null && fc.app != null && p.isTcp()) {
      fc.app.beforeDetection(sessionToServer);
    }
    inspect(p, InspectionUnit.PACKET, storedInStream ? RuleMeta.ON_STORED_PACKET : 0);
    packetNoFastPatternOnly = false;
    // the transactions inspected on this packet had its raw stream data
    txStream.endOfProcessing(fc);
    ipOnlyRules = false;
    current = null;
  }

  /**
   * As Suricata's PKT_DETECT_HAS_STREAMDATA: packet {@code p}'s direction {@code toServer} of session
   * {@code s} had stream data not raw-inspected before it (its own payload, chunks handed out while
   * it was tracked, or stored data beyond the raw progress, ACKed or not).
   */
  private boolean hadStreamData(TcpSession s, Packet p, boolean toServer) {
    return p.payloadLength() > 0 || (toServer ? chunksToServer : chunksToClient)
        || s.sequenceBytes(toServer) - 1 > s.rawProgress(toServer);
  }

  /** The detection state of the flow of the packet being processed, or null. */
  FlowContext currentFlow() {
    return current == null || current.flow() == null ? null : current.flow().get(slot);
  }

  /** stream_size reads the sequence space each side used, as Suricata does, not the flow's byte counters. */
  private void streamSizes(TcpSession s) {
    ctx.streamClientBytes = s.sequenceBytes(true);
    ctx.streamServerBytes = s.sequenceBytes(false);
  }

  /** As Suricata's FLOW_PKT_ESTABLISHED for TCP: the session state is ESTABLISHED or any later one, CLOSED included. */
  private static boolean isEstablished(TcpSession s) {
    TcpState st = s.state();
    return st == TcpState.ESTABLISHED || st == TcpState.CLOSING || st == TcpState.CLOSED;
  }

  private TcpSession session(Flow f, FlowContext fc, Packet p) {
    if (fc.tcp == null) {
      byte[] src = Endpoints.address(p.ipVersion(), p.srcHi(), p.srcLo());
      byte[] dst = Endpoints.address(p.ipVersion(), p.dstHi(), p.dstLo());
      fc.initiatorIsClient = p.toServer();
      fc.tcp = streams.newSession(src, p.srcPort(), dst, p.dstPort());
      fc.tcp.setRawInspector(this::inspectChunk);
      fc.app = appLayer == null ? null : appLayer.apply(f, this);
      if (fc.app != null) {
        fc.tcp.setConsumer(fc.app);
      }
    }
    return fc.tcp;
  }

  /** Raw stream inspection of one chunk, attributed to the current (or a pseudo) packet. */
  private void inspectChunk(RawChunk chunk) {
    FlowContext cut = currentFlow();
    if (cut != null && cut.protocolChange != null && !flushingCutoff) {
      chunk = cut.protocolChange.admit(chunk);
      if (chunk == null) {
        return;
      }
    }
    if (cut != null && cut.cutoff != null && !flushingCutoff && cut.cutoff.takes(chunk)) {
      return;
    }
    boolean restricted = cut != null && cut.cutoff != null && !flushingCutoff && cut.cutoff.restricts(chunk);
    if (restricted && payloadFastPatterns == null) {
      payloadFastPatterns = new PayloadFastPatterns(detector.ruleset());
    }
    noFastPatternOnly = restricted;
    if (chunk.toServer()) {
      chunksToServer = true;
    } else {
      chunksToClient = true;
    }
    Packet p = current;
    int savedFlags = ctx.flowFlags;
    ctx.clearBuffers();
    boolean packetToServer = (ctx.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0;
    if (chunk.toServer() != packetToServer) {
      Endpoints.swap(ctx);
    }
    otherDirection = chunk.toServer() != packetToServer;
    ctx.flowFlags = (ctx.flowFlags & ~(InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_TO_CLIENT))
        | (chunk.toServer() ? InspectionContext.FLOW_TO_SERVER : InspectionContext.FLOW_TO_CLIENT);
    int savedDsize = ctx.dsize;
    ctx.dsize = -1;
    ctx.setBuffer(Buffers.PAYLOAD, chunk.buf(), chunk.off(), chunk.len());
    ctx.streamChunk = true;
    chunkOldBytes = chunk.afterGap() ? 0 : chunk.newStart();
    inspect(p, InspectionUnit.STREAM, RuleMeta.ON_STREAM);
    txStream.chunkInspected(currentFlow(), chunk.toServer(), chunk.buf(), chunk.off(), chunk.len());
    otherDirection = false;
    noFastPatternOnly = false;
    chunkOldBytes = 0;
    ctx.streamChunk = false;
    ctx.clearBuffers();
    if (chunk.toServer() != packetToServer) {
      Endpoints.swap(ctx);
    }
    ctx.flowFlags = savedFlags;
    ctx.dsize = savedDsize;
  }

  /**
   * Inline mode: inspects the window of unACKed stream data ending with the current segment as
   * stream data of the packet, so a pattern split over segments is seen on the segment that
   * completes it, before that segment is delivered. Matches lying wholly in the window's part
   * already scanned on an earlier segment are not reported again.
   */
  private void inspectInlineWindow(SegmentResult r) {
    FlowContext fc = current.flow().get(slot);
    PacketContextFiller.fillHeader(ctx, current, fc.flowbits, isEstablished(fc.tcp));
    int savedDsize = ctx.dsize;
    ctx.clearBuffers();
    ctx.dsize = -1;
    ctx.setBuffer(Buffers.PAYLOAD, r.windowBuf(), r.windowOff(), r.windowLen());
    ctx.streamChunk = true;
    chunkOldBytes = r.windowNewStart();
    inspect(current, InspectionUnit.STREAM, RuleMeta.ON_STREAM);
    chunkOldBytes = 0;
    txStream.chunkInspected(fc, (ctx.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0, r.windowBuf(),
        r.windowOff(), r.windowLen());
    ctx.streamChunk = false;
    ctx.clearBuffers();
    ctx.dsize = savedDsize;
  }

  /**
   * Inspects an app-layer unit whose buffers {@code filler} puts into the context, oriented in
   * direction {@code toServer}; called by app-layer handlers while the worker processes a packet
   * or ends a flow.
   */
  public void inspectAppLayer(boolean toServer, java.util.function.Consumer<InspectionContext> filler) {
    inspectAppLayer(toServer, null, filler);
  }

  /**
   * As {@link #inspectAppLayer(boolean, java.util.function.Consumer)}, for an HTTP transaction
   * whose metadata alerts then carry.
   */
  void inspectAppLayer(boolean toServer, org.vigil.app.http.HttpTransaction tx,
      java.util.function.Consumer<InspectionContext> filler) {
    inspectAppLayer(toServer, tx, filler, tx == null ? null : tx::firstAlert);
  }

  /**
   * As {@link #inspectAppLayer(boolean, org.vigil.app.http.HttpTransaction, java.util.function.Consumer)},
   * with {@code admit} deciding which rules are evaluated and which matches alert (null: all).
   */
  void inspectAppLayer(boolean toServer, org.vigil.app.http.HttpTransaction tx,
      java.util.function.Consumer<InspectionContext> filler, AppAdmission admit) {
    Packet p = current;
    AppAdmission savedAdmit = appAdmit;
    org.vigil.app.http.HttpTransaction savedTx = appTx;
    appTx = tx;
    appAdmit = admit;
    int savedFlags = ctx.flowFlags;
    int savedDsize = ctx.dsize;
    boolean packetToServer = (ctx.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0;
    byte[][] savedData = ctx.data.clone();
    int[] savedOff = ctx.off.clone();
    int[] savedLen = ctx.len.clone();
    ctx.clearBuffers();
    if (toServer != packetToServer) {
      Endpoints.swap(ctx);
    }
    ctx.flowFlags = (ctx.flowFlags & ~(InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_TO_CLIENT))
        | (toServer ? InspectionContext.FLOW_TO_SERVER : InspectionContext.FLOW_TO_CLIENT);
    if (sessionEstablished(p)) {
      // TCP Fast Open: the SYN-ACK that accepted the SYN's data established the session while the
      // header was filled from the state before it; and a transaction inspected once its session
      // closed (on the last packets, or at flow end) is still on an established flow, as Suricata's
      // packets are from the handshake on (flow.c: TCP state >= established, closed included) and
      // its flow-end pseudo packets always (flow-timeout.c)
      ctx.flowFlags = (ctx.flowFlags & ~InspectionContext.FLOW_NOT_ESTABLISHED) | InspectionContext.FLOW_ESTABLISHED;
    }
    ctx.dsize = -1;
    filler.accept(ctx);
    // a rule mixing app-layer buffers with raw payload reads the direction's raw stream data
    inspect(p, InspectionUnit.APP_LAYER, RuleMeta.ON_STREAM | RuleMeta.ON_STORED_PACKET);
    txStream.transactionInspected(currentFlow(), toServer, tx, filler, admit);
    appTx = savedTx;
    appAdmit = savedAdmit;
    if (toServer != packetToServer) {
      Endpoints.swap(ctx);
    }
    ctx.flowFlags = savedFlags;
    ctx.dsize = savedDsize;
    System.arraycopy(savedData, 0, ctx.data, 0, savedData.length);
    System.arraycopy(savedOff, 0, ctx.off, 0, savedOff.length);
    System.arraycopy(savedLen, 0, ctx.len, 0, savedLen.length);
  }

  /**
   * While an app-layer unit is inspected: the rules the prefilter of buffer {@code buffer} alone
   * finds in the unit's bytes of that buffer (the rules whose fast pattern lies there and occurs).
   */
  org.vigil.detect.CandidateSet prefilterCandidates(int buffer) {
    org.vigil.detect.CandidateSet out = new org.vigil.detect.CandidateSet(detector.ruleset().size());
    detector.ruleset().prefilterCandidates(ctx, buffer, out);
    return out;
  }

  /**
   * True when the packet's TCP session is established now or closed after it was, whatever it was
   * before the packet.
   */
  private boolean sessionEstablished(Packet p) {
    if (p == null || p.flow() == null) {
      return false;
    }
    FlowContext fc = p.flow().get(slot);
    if (fc == null || fc.tcp == null) {
      return false;
    }
    TcpState st = fc.tcp.state();
    return st == TcpState.ESTABLISHED || st == TcpState.CLOSING || st == TcpState.CLOSED;
  }

  private void inspect(Packet p, InspectionUnit unit, int scope) {
    FlowContext fc = p.flow() == null ? null : p.flow().get(slot);
    if (fc != null && fc.passed) {
      return;
    }
    long micros = p.timestampNanos() / 1000;
    boolean ipOnly = unit == InspectionUnit.PACKET && ipOnlyRules;
    detector.inspect(ctx, micros, new org.vigil.detect.AlertSink() {
      @Override
      public boolean admit(RuleMeta rule, InspectionContext c) {
        if (unit == InspectionUnit.APP_LAYER) {
          return appAdmit == null || appAdmit.admit(rule.index());
        }
        if (unit == InspectionUnit.STREAM && chunkOldBytes > 0 && matchesOldPart(rule.index())) {
          return false;
        }
        return (otherDirection ? dedupOtherDirection : dedup).first(rule.index());
      }

      @Override
      public boolean evaluate(int rule) {
        if ((noFastPatternOnly && unit == InspectionUnit.STREAM)
            || (packetNoFastPatternOnly && unit == InspectionUnit.PACKET)) {
          return !payloadFastPatterns.has(rule);
        }
        return unit != InspectionUnit.APP_LAYER || appAdmit == null || appAdmit.evaluate(rule);
      }

      @Override
      public void matched(RuleMeta rule) {
        if (unit == InspectionUnit.APP_LAYER && appAdmit != null && !rule.isPass()) {
          appAdmit.matched(rule.index());
        }
      }

      @Override
      public void alert(RuleMeta rule, InspectionContext c) {
        alerts.alert(rule, c, p, unit);
      }
    }, scope, ipOnly);
    RuleMeta pass = detector.passRule();
    if (pass != null && fc != null
        && (unit != InspectionUnit.PACKET || (pass.scope() & RuleMeta.IP_ONLY) != 0)) {
      fc.passed = true;
    }
  }

  /**
   * True when rule {@code r} also matches the start of the chunk that repeats already inspected
   * stream bytes: its match is not new, and was reported with the previous chunk.
   */
  private boolean matchesOldPart(int r) {
    int off = ctx.off[Buffers.PAYLOAD];
    int len = ctx.len[Buffers.PAYLOAD];
    ctx.len[Buffers.PAYLOAD] = chunkOldBytes;
    org.vigil.detect.api.FlowBits bits = ctx.flowbits;
    if (bits != null) {
      trialBits.copyFrom(bits); // the trial must not apply the rule's flowbits side effects again
    }
    try {
      return detector.ruleset().matcher(r).match(r, ctx) != RuleMatcher.NO_MATCH;
    } finally {
      ctx.off[Buffers.PAYLOAD] = off;
      ctx.len[Buffers.PAYLOAD] = len;
      if (bits != null) {
        bits.copyFrom(trialBits);
      }
    }
  }

  /** A flow leaves the table: its session is flushed and inspected on a pseudo packet, then dropped. */
  @Override
  public void flowEnded(Flow flow, FlowEndReason reason) {
    FlowContext fc = flow.get(slot);
    if (fc == null || fc.tcp == null) {
      return;
    }
    Packet saved = current;
    pseudo.reset();
    pseudo.initPseudo(flow, true, flow.lastNanos(), captureName);
    current = pseudo;
    dedup.clear();
    dedupOtherDirection.clear();
    PacketContextFiller.fillHeader(ctx, pseudo, fc.flowbits, isEstablished(fc.tcp));
    streamSizes(fc.tcp);
    pseudoInspections++;
    if (fc.app != null) {
      fc.app.beforeFlowEnd();
    }
    fc.tcp.close();
    txStream.endOfProcessing(fc);
    current = saved;
    fc.tcp = null;
    fc.app = null;
  }

  /**
   * Suricata's detect/log flush when an app layer sets no-inspection or changes protocol: one pseudo
   * packet per direction (the packet's opposite direction first; no pcap_cnt, the packet's time)
   * inspects the raw data of that direction ACKed but not inspected yet ({@code kept}: the chunks
   * held back while the packet was tracked). After a no-inspection cutoff nothing raw of the flow is
   * inspected; after a protocol change ({@code change}) inspection goes on after the flushed data.
   */
  private void flushOnPseudoPackets(Flow f, FlowContext fc, Packet p, boolean packetToServer,
      java.util.function.Function<Boolean, java.util.List<RawChunk>> kept, ProtocolChangeFlush change) {
    Packet saved = current;
    flushingCutoff = true;
    try {
      for (boolean dir : new boolean[] {!packetToServer, packetToServer}) {
        flushPseudo.reset();
        flushPseudo.initPseudo(f, dir, p.timestampNanos(), captureName);
        current = flushPseudo;
        dedup.clear();
        dedupOtherDirection.clear();
        PacketContextFiller.fillHeader(ctx, flushPseudo, fc.flowbits, true);
        streamSizes(fc.tcp);
        for (RawChunk c : kept.apply(dir)) {
          inspectChunk(c);
        }
        org.vigil.stream.RawBacklog.inspect(fc.tcp, dir, this::inspectChunk);
      }
    } finally {
      flushingCutoff = false;
      current = saved;
      if (change != null) {
        change.markFlushed();
      } else {
        fc.cutoff.markFlushed();
      }
      dedup.clear();
      dedupOtherDirection.clear();
    }
  }

  /** A protocol change's flush that is not needed after all: the chunks it kept are inspected on the packet. */
  private void inspectKeptChunks(FlowContext fc) {
    ProtocolChangeFlush c = fc.protocolChange;
    fc.protocolChange = null;
    for (boolean dir : new boolean[] {true, false}) {
      for (RawChunk k : c.kept(dir)) {
        inspectChunk(k);
      }
    }
  }

  /** What the app layer of the flow being processed may ask of it (see {@link FlowControl}). */
  FlowControl control() {
    return control;
  }

  /** True while a flow's end is processed (its session flushed on a pseudo packet). */
  boolean atFlowEnd() {
    return current == pseudo;
  }

  /** The HTTP transaction being inspected, while an app-layer unit is; else null. */
  public org.vigil.output.HttpInfo currentHttp() {
    return appTx == null ? null : HttpInfos.of(appTx);
  }

  /** Where completed transactions are logged (EVE http records, output pipes); none by default. */
  public void setTransactionLog(TransactionLog log) {
    this.transactionLog = log;
  }

  /** Logs a completed HTTP transaction, oriented client to server, attributed to the current packet. */
  void logHttp(org.vigil.app.http.HttpTransaction tx) {
    if (transactionLog == null || current == null) {
      return;
    }
    boolean packetToServer = (ctx.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0;
    if (!packetToServer) {
      Endpoints.swap(ctx);
    }
    int flags = ctx.flowFlags;
    ctx.flowFlags = (flags & ~InspectionContext.FLOW_TO_CLIENT) | InspectionContext.FLOW_TO_SERVER;
    org.vigil.output.EventHeader h = AlertEventMapper.header(ctx, current);
    ctx.flowFlags = flags;
    if (!packetToServer) {
      Endpoints.swap(ctx);
    }
    transactionLog.http(new org.vigil.output.HttpEvent(h, tx.id(), HttpInfos.of(tx)));
  }

  /**
   * The app-layer factory that gives every TCP flow the protocol its first bytes show (on any
   * port, see {@link ProtocolDetection}): SSH, TLS, FTP, SMB, or else HTTP/1.x, whose handler
   * probes the stream itself.
   */
  public static BiFunction<Flow, Worker, AppLayerHandler> appLayers(
      org.vigil.app.http.HttpConfig config, org.vigil.app.http.PersonalityResolver personalities) {
    return ProtocolDetection.factory(config, personalities);
  }


  /** Flow ends that needed a pseudo packet to flush stream data. */
  public long pseudoInspections() {
    return pseudoInspections;
  }
}
