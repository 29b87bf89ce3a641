package org.vigil.inspect;

import org.vigil.app.AppLayers;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.BufferSink;
import org.vigil.app.UnitSink;
import org.vigil.decode.Packet;
import org.vigil.detect.Detector;
import org.vigil.detect.StreamHits;
import org.vigil.detect.api.AppProtos;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.flow.Flow;
import org.vigil.flow.FlowEndListener;
import org.vigil.flow.FlowEndReason;
import org.vigil.flow.FlowSlot;
import org.vigil.flow.FlowSlots;
import org.vigil.stream.RawChunk;
import org.vigil.stream.SegmentResult;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.TcpSession;

/**
 * The detection stages for the packets of one thread, per packet in order: TCP tracking and
 * reassembly, the app layer (fed by the stream, see {@link org.vigil.app.AppLayer}), then detection
 * on each raw stream chunk, each app-layer unit (pulled from the app layer before the packet's own
 * pass) and the packet itself. A completed transaction's rules mixing its buffers with raw payload
 * are matched with the raw stream chunks of its direction up to the end of that direction's next
 * packet ({@link TxStreamEngine}, Suricata 7's stream inspect engine of app-layer rules). An app
 * layer may stop a flow's inspection (SSH once encrypted, see {@link InspectionCutoff}) through the
 * inspector's {@link FlowControl}. It owns the per-flow state of those stages, so a flow must
 * always reach the same inspector.
 */
public final class FlowInspector implements FlowEndListener {
  private final Detector detector;
  private final StreamEngine streams;
  private final FlowSlot<FlowContext> slot;
  private final AppLayers appLayers;

  /** Makes the flows' app layers and feeds UDP datagrams to them. */
  private final AppLayerStarter apps;

  private final InspectionContext ctx = new InspectionContext();
  private final FlowContextPool contexts = new FlowContextPool();
  private final PassSink sink;
  private final FlowControl control = new FlowControl(this);
  private org.vigil.app.RunOrder runOrder = org.vigil.app.RunOrder.SINGLE;
  private final Packet pseudo = new Packet(0);

  /** The raw chunks an app layer's cutoff or protocol change holds back, and their flushes. */
  private final RawDataFlush flush;

  /** Where units put their buffers: the context. */
  private final BufferSink bufferSink;

  /** Opens the flows' TCP sessions, their raw data inspected by {@link #inspectChunk}. */
  private final SessionStarter sessions;

  /** Where app layers report their ready units: inspected at once. */
  private final UnitSink unitSink = this::inspectUnit;

  /** What a unit's pass changes of the context, restored afterwards. */
  private final SavedContext unitSave = new SavedContext();

  /**
   * The packet being processed: the one alerts from stream chunks and transactions are attributed
   * to.
   */
  private Packet current;

  /** The capture of the packets being processed, for pseudo packets made at flow end. */
  private String captureName;

  private long pseudoInspections;
  private final TransactionLogger transactions;
  private final FlowFacts facts;

  /**
   * The rules mixing app-layer buffers with raw payload: their raw part on the transaction's
   * stream.
   */
  private final TxStreamEngine txStream;

  /** Inspects the raw stream data: the reassembled chunks and, inline, the unACKed window. */
  private final RawStreamInspection raw;

  /** True while the packet that flushes a no-payload cutoff's pending direction is inspected. */
  private boolean packetNoFastPatternOnly;

  /** True while the current packet's own inspection may evaluate IP-only rules. */
  private boolean ipOnlyRules;

  /**
   * Inline: the stream refused to let the last packet through (see {@link
   * SegmentResult#dropInline()}).
   */
  private boolean streamDrop;

  /**
   * An inspector detecting with {@code detector}, tracking TCP with {@code streams}, giving each
   * new TCP flow the app layer {@code appLayers} detects (none when null), reporting alerts to
   * {@code alerts}.
   */
  public FlowInspector(
      Detector detector,
      StreamEngine streams,
      FlowSlots slots,
      AlertListener alerts,
      AppLayers appLayers) {
    this.detector = detector;
    this.streams = streams;
    this.slot = slots.register("detect", FlowContext.class);
    this.facts = new FlowFacts(slot);
    this.transactions = new TransactionLogger(ctx);
    this.appLayers = appLayers;
    this.apps = new AppLayerStarter(appLayers, control, this::prefilterCandidates);
    this.sessions = new SessionStarter(streams, this::inspectChunk, appLayers, apps);
    this.sink = new PassSink(detector, ctx, alerts);
    this.bufferSink = ctx::setBuffer;
    this.flush = new RawDataFlush(this, ctx, sink);
    this.txStream =
        new TxStreamEngine(detector.ruleset(), ctx, bufferSink, pass -> inspect(current, pass));
    this.raw = new RawStreamInspection(this, ctx, flush, sink, txStream);
  }

  /**
   * Where this inspector's thread stands among the run's threads (for the expectations the app
   * layers share); a run of one thread by default.
   */
  public void setRunOrder(org.vigil.app.RunOrder order) {
    this.runOrder = order;
  }

  org.vigil.app.RunOrder runOrder() {
    return runOrder;
  }

  /** Detects with {@code ruleset} from now on (a rule reload, between packets); flows go on. */
  public void useRuleset(org.vigil.detect.Ruleset ruleset) {
    detector.use(ruleset);
    sink.rulesChanged();
    txStream.rulesChanged(ruleset);
  }

  /** Processes one decoded, flow-attached packet through stream, app layer and detection. */
  public void process(Packet p) {
    transactions.packetStarts();
    current = p;
    captureName = p.captureName();
    flush.startPacket();
    sink.clearDedup();
    streamDrop = false;
    Flow f = p.flow();
    // Suricata's IP-only engine: of a flow, only the first packet of each direction (counted by the
    // flow table before any direction swap of the TCP tracker); every packet without a flow
    ipOnlyRules = f == null || (p.toServer() ? f.packetsToServer() : f.packetsToClient()) <= 1;
    FlowContext fc = null;
    boolean storedInStream = false;
    boolean established = false;
    boolean sessionToServer = p.toServer();
    boolean noPayload = false;
    // the stream offset of the payload when the stream holds it as sent, else -1
    long held = -1;
    if (f != null) {
      fc = f.get(slot);
      if (fc == null) {
        fc = contexts.take();
        fc.firstId = FlowFacts.firstId(p);
        f.set(slot, fc);
      }
      if (p.isTcp() && !streams.admits(p.tcpChecksumInvalid())) {
        established =
            fc.tcp != null && fc.tcp.established(); // the receiver discards it: no tracking
      } else if (p.isTcp() && sessions.session(f, fc, p) == null) {
        established = false; // stream.memcap reached: the flow is not tracked (tcp.ssn_memcap_drop)
      } else if (p.isTcp()) {
        TcpSession s = fc.tcp;
        boolean fromInitiator = p.toServer() == fc.initiatorIsClient;
        // the header is filled before tracking so raw chunks emitted during it can be inspected
        PacketContextFiller.fillHeader(ctx, p, fc.flowbits, s.established());
        PacketContextFiller.fillStreamSizes(ctx, s);
        // an app layer that stopped the flow's inspection before this packet: no payload, no raw
        // data
        noPayload = fc.cutoff != null;
        boolean pendingFlush = flush.beforeTracking(fc);
        SegmentResult r = s.process(p, fromInitiator);
        storedInStream = r.stored();
        held = r.heldLength() > 0 && r.heldLength() == p.payloadLength() ? r.heldOffset() : -1;
        streamDrop = r.dropInline();
        sessionToServer = r.toServer();
        established = s.established();
        // the flushes a cutoff or protocol change asks for; true: this packet flushes a direction
        // still pending after a no-payload cutoff and is inspected with its payload, restricted
        if (flush.afterTracking(f, fc, p, s, sessionToServer, pendingFlush)) {
          noPayload = false;
          packetNoFastPatternOnly = true;
        }
        if (r.hasWindow() && !noPayload) {
          raw.inlineWindow(r);
        }
      } else {
        established = f.packetsToServer() > 0 && f.packetsToClient() > 0;
        if (p.isUdp() && appLayers != null) {
          // the records the datagram's transactions make are addressed as this packet
          PacketContextFiller.fillHeader(ctx, p, fc.flowbits, established);
          apps.datagram(f, fc, p);
        }
      }
      if (p.isTcp()) {
        FlowFacts.followSession(f, fc.tcp);
      }
    }
    PacketContextFiller.fillHeader(ctx, p, fc == null ? null : fc.flowbits, established);
    if (fc != null && fc.tcp != null) {
      PacketContextFiller.fillStreamSizes(ctx, fc.tcp);
    }
    // the payload of a segment stored in the stream is inspected only by the rules that require
    // the packet (dsize, depth/offset contents, ...): the others see it in a stream chunk
    PacketContextFiller.fillPayload(ctx, p);
    if (noPayload) {
      // as Suricata's no-payload packets: header rules only; a dsize asking for a payload fails
      ctx.setBuffer(Buffers.PAYLOAD, p.data(), p.payloadOffset(), 0);
      ctx.dsize = 0;
    }
    if (fc != null && fc.app != null && (p.isTcp() || p.isUdp())) {
      fc.app.units(sessionToServer, false, unitSink);
    }
    StreamHits hits = held < 0 || noPayload ? null : fc.heldPacket(sessionToServer, held);
    inspect(p, DetectionPass.packet(storedInStream, ipOnlyRules, packetNoFastPatternOnly), hits);
    packetNoFastPatternOnly = false;
    if (fc != null && fc.app != null && p.isTcp()) {
      long id = fc.app.inspectTransaction(sessionToServer);
      if (id >= 0) {
        fc.inspectId[sessionToServer ? 0 : 1] = id; // as Suricata, after the packet's detection
      }
    }
    // the transactions inspected on this packet had its raw stream data
    txStream.endOfProcessing(fc);
    transactions.packetDone(f == null ? 0 : f.id());
    ipOnlyRules = false;
    current = null;
  }

  /**
   * Inline: whether the stream engine refused to forward the packet last processed (a TTL decoy,
   * rewritten data).
   */
  public boolean streamDrop() {
    return streamDrop;
  }

  /** The detection state of the flow of the packet being processed, or null. */
  FlowContext currentFlow() {
    return current == null || current.flow() == null ? null : current.flow().get(slot);
  }

  /** Raw stream inspection of one chunk, attributed to the current (or a pseudo) packet. */
  void inspectChunk(RawChunk chunk) {
    raw.chunk(chunk);
  }

  /**
   * Inspects an app-layer unit, its buffers put into the context oriented in its direction; called
   * through the unit sink while the inspector processes a packet or ends a flow.
   */
  private void inspectUnit(AppUnit unit) {
    Packet p = current;
    // units do not nest (a unit's inspection reports none); the inspector's own save serves
    SavedContext saved = unitSave.busy() ? new SavedContext() : unitSave;
    saved.save(ctx);
    ctx.clearBuffers();
    Endpoints.orient(ctx, unit.toServer());
    if (sessionEstablished(p)) {
      // TCP Fast Open: the SYN-ACK that accepted the SYN's data established the session while the
      // header was filled from the state before it; and a transaction inspected once its session
      // closed (on the last packets, or at flow end) is still on an established flow, as Suricata's
      // packets are from the handshake on (flow.c: TCP state >= established, closed included) and
      // its flow-end pseudo packets always (flow-timeout.c)
      ctx.flowFlags =
          (ctx.flowFlags & ~InspectionContext.FLOW_NOT_ESTABLISHED)
              | InspectionContext.FLOW_ESTABLISHED;
    }
    ctx.dsize = -1;
    unit.buffers().fill(bufferSink);
    DetectionPass pass = DetectionPass.app(unit);
    // a rule mixing app-layer buffers with raw payload reads the direction's raw stream data
    inspect(p, pass);
    txStream.transactionInspected(currentFlow(), pass);
    saved.restore(ctx);
  }

  /**
   * While an app-layer unit is inspected: the rules the prefilter of buffer {@code buffer} alone
   * finds in the unit's bytes of that buffer (the rules whose fast pattern lies there and occurs).
   */
  private java.util.function.IntPredicate prefilterCandidates(int buffer) {
    CandidateSet out = new CandidateSet(detector.ruleset().size());
    detector.ruleset().prefilterCandidates(ctx, buffer, out);
    return out::contains;
  }

  /**
   * True when the packet's TCP session is established now or closed after it was, whatever it was
   * before the packet: as Suricata's FLOW_PKT_ESTABLISHED for TCP, the session state is ESTABLISHED
   * or any later one, CLOSED included.
   */
  private boolean sessionEstablished(Packet p) {
    FlowContext fc = p == null || p.flow() == null ? null : p.flow().get(slot);
    return fc != null && fc.tcp != null && fc.tcp.established();
  }

  /** Runs one detection pass over the context, its alerts attributed to {@code p}. */
  private void inspect(Packet p, DetectionPass pass) {
    inspect(p, pass, null);
  }

  /** As {@link #inspect(Packet, DetectionPass)}, with the payload's stream scans (or null). */
  void inspect(Packet p, DetectionPass pass, StreamHits hits) {
    FlowContext fc = p.flow() == null ? null : p.flow().get(slot);
    if (fc != null && fc.passed) {
      return;
    }
    if (fc != null) {
      fc.adopt(detector.ruleset());
    }
    ctx.appProto = fc == null ? AppProtos.UNKNOWN : fc.appProtoId();
    long micros = p.timestampNanos() / 1000;
    // passes do not nest: the detector calls back into the sink only while this one runs
    sink.pass = pass;
    sink.packet = p;
    detector.inspect(ctx, micros, sink, pass.scope(), pass.ipOnly(), hits);
    RuleMeta passRule = detector.passRule();
    if (passRule != null
        && fc != null
        && (pass.unit() != InspectionUnit.PACKET || (passRule.scope() & RuleMeta.IP_ONLY) != 0)) {
      fc.passed = true;
    }
  }

  /**
   * A flow leaves the table: its session is flushed and inspected on a pseudo packet, then dropped.
   */
  @Override
  public void flowEnded(Flow flow, FlowEndReason reason) {
    FlowContext fc = flow.get(slot);
    if (fc == null) {
      return;
    }
    if (fc.tcp == null) {
      contexts.retire(fc);
      return;
    }
    Packet saved = current;
    pseudo.reset();
    pseudo.initPseudo(flow, true, flow.lastNanos(), captureName);
    current = pseudo;
    sink.clearDedup();
    PacketContextFiller.fillHeader(ctx, pseudo, fc.flowbits, fc.tcp.established());
    PacketContextFiller.fillStreamSizes(ctx, fc.tcp);
    pseudoInspections++;
    if (fc.app != null || fc.appMaker != null) {
      // the completed units waiting for a packet of their direction, then those the close completes
      // (the layer may be made by the close, from data held until then)
      fc.endUnits = unitSink;
      fc.pullAtEnd();
    }
    String tcpState = fc.tcp.eveState(); // before the close below closes the session
    try {
      fc.beginEnd();
      fc.tcp.close();
      if (fc.app != null) {
        fc.app.flowEnded();
      }
    } finally {
      fc.endUnits = null;
    }
    facts.keepEnd(fc, tcpState);
    txStream.endOfProcessing(fc);
    current = saved;
    streams.recycle(fc.tcp);
    fc.tcp = null;
    if (fc.app != null) {
      fc.appProto = fc.app.detectionFailed() ? "failed" : fc.app.protocolName();
      fc.app.free(); // its memory back to the protocol's memcap
    }
    fc.app = null;
    fc.appMaker = null;
    contexts.retire(fc);
  }

  /** What the flow records of this inspector's flows say (alerted, app_proto). */
  public FlowFacts flowFacts() {
    return facts;
  }

  /** The packet being processed (or a pseudo packet), or null between packets. */
  Packet current() {
    return current;
  }

  /**
   * Attributes what is inspected from now on to {@code p} (a flush pseudo packet, or back to the
   * packet).
   */
  void attributeTo(Packet p) {
    current = p;
  }

  /** True while a flow's end is processed (its session flushed on a pseudo packet). */
  boolean atFlowEnd() {
    return current == pseudo;
  }

  /**
   * The transaction whose app-layer unit is being inspected (alerts on it carry its record and
   * number), or null outside an app-layer unit or for a unit without a transaction.
   */
  public AppTransaction currentTransaction() {
    DetectionPass pass = sink.pass;
    return pass == null || pass.app() == null ? null : pass.app().tx();
  }

  /**
   * The transaction a match of {@code p}'s detection outside any app-layer unit (raw stream data)
   * is attributed to, as Suricata guesses it: the flow's inspect id in direction {@code toServer}
   * as the direction's last packet left it, with the record alerts on it carry; {@link
   * GuessedTransaction#NONE} when {@code p}'s flow is not TCP or has no app-layer state.
   */
  public GuessedTransaction guessedTransaction(Packet p, boolean toServer) {
    FlowContext fc = p.flow() == null || !p.isTcp() ? null : p.flow().get(slot);
    if (fc == null || fc.app == null || fc.app.inspectTransaction(toServer) < 0) {
      return GuessedTransaction.NONE;
    }
    long id = fc.inspectId[toServer ? 0 : 1];
    return new GuessedTransaction(id, id < 0 ? null : fc.app.transactionRecord(id));
  }

  /**
   * Where completed transactions are logged (EVE transaction records, output pipes); none by
   * default.
   */
  public void setTransactionLog(TransactionLog log) {
    transactions.setLog(log);
  }

  /** Where completed transactions and detection events are logged, as the current packet's. */
  TransactionLogger transactions() {
    return transactions;
  }

  /** Flow ends that needed a pseudo packet to flush stream data. */
  public long pseudoInspections() {
    return pseudoInspections;
  }
}
