package org.vigil.thread.module;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.vigil.decode.Packet;
import org.vigil.detect.Detector;
import org.vigil.detect.RateLimiter;
import org.vigil.detect.Ruleset;
import org.vigil.inspect.FlowInspector;
import org.vigil.inspect.InspectionUnit;
import org.vigil.stream.StreamEngine;
import org.vigil.thread.AlertEventMapper;

/**
 * Stream reassembly, app layer and detection for one thread: wraps a {@link FlowInspector} with the
 * thread's own detector and stream engine, sharing only the ruleset (immutable) and the threshold
 * state (thread-safe). Needs the flow module before it in the same thread.
 */
public final class DetectModule implements ThreadModule {
  private final org.vigil.thread.RulesetSwitch rules;
  private int generation;
  private boolean countedForGeneration;
  private boolean following;
  private final RateLimiter shared;
  private final boolean deferThresholds;
  private final Supplier<StreamEngine> streams;
  private final org.vigil.app.AppLayers appLayer;
  private final AlertEventMapper mapper;
  private final EventSink sink;
  private Detector detector;
  private StreamEngine engine;
  private FlowInspector worker;
  private long alerts;
  private long packets;
  private final org.vigil.thread.EngineErrors errors = new org.vigil.thread.EngineErrors();
  private long local;
  private int index;
  private final java.util.List<PendingMatch> pending = new java.util.ArrayList<>();
  private PendingMatch lastRecorded;

  /**
   * The flows with matches of rate-limited rules the run decides later, until they end: their
   * records wait for those decisions unless an alert was decided at once.
   */
  private final java.util.Map<org.vigil.flow.Flow, org.vigil.inspect.DeferredAlertMark>
      deferredMarks = new java.util.IdentityHashMap<>();

  private long scope;
  private boolean framesForThresholds;
  private MatchListener matches;

  /** Suricata's per-packet alert cap, and the alerts of the packet being processed held for it. */
  private AlertCap cap = new AlertCap(AlertCap.DEFAULT);

  private final java.util.List<AlertCap.Held<Runnable>> held = new java.util.ArrayList<>();
  private Packet heldPacket;

  /**
   * Detection over {@code ruleset}; alerts mapped with {@code mapper} and sent to {@code sink}.
   * With {@code deferThresholds}, matches of rate-limited rules are kept (see {@link
   * #takePending()}) for one limiter to decide on in global order; else {@code thresholds} decides
   * at once.
   */
  public DetectModule(
      Ruleset ruleset,
      RateLimiter thresholds,
      boolean deferThresholds,
      Supplier<StreamEngine> streams,
      org.vigil.app.AppLayers appLayer,
      AlertEventMapper mapper,
      EventSink sink) {
    this(
        new org.vigil.thread.RulesetSwitch(ruleset),
        thresholds,
        deferThresholds,
        streams,
        appLayer,
        mapper,
        sink);
  }

  /**
   * As the other constructor, detecting with the ruleset of {@code rules}, swapped for a reloaded
   * one before the first packet after each reload.
   */
  public DetectModule(
      org.vigil.thread.RulesetSwitch rules,
      RateLimiter thresholds,
      boolean deferThresholds,
      Supplier<StreamEngine> streams,
      org.vigil.app.AppLayers appLayer,
      AlertEventMapper mapper,
      EventSink sink) {
    this.rules = rules;
    this.shared = thresholds;
    this.deferThresholds = deferThresholds;
    this.streams = streams;
    this.appLayer = appLayer;
    this.mapper = mapper;
    this.sink = sink;
  }

  @Override
  public String name() {
    return "detect";
  }

  /**
   * Keeps a copy of the packet's frame with each kept match of a rate-limited rule (for the pcap
   * log: the packet is logged if the limiter lets the alert through when the run decides it).
   */
  public void keepFramesForThresholds(boolean keep) {
    this.framesForThresholds = keep;
  }

  /**
   * Logs at most {@code max} alerts per packet ({@code packet-alert-max}, see {@link AlertCap});
   * call before {@link #init}. Matches of rate-limited rules decided later in global order are not
   * counted against it.
   */
  public void alertCap(int max) {
    this.cap = new AlertCap(max);
  }

  /**
   * Hands every match to {@code listener} instead of writing its alert (the inline verdict module
   * decides the packet's fate and writes the alerts itself); call before {@link #init}.
   */
  public void divertMatches(MatchListener listener) {
    this.matches = listener;
  }

  @Override
  public void init(ThreadContext thread) {
    index = thread.index();
    RateLimiter limiter =
        !deferThresholds
            ? shared
            : RateLimiter.deferred(
                shared.policy(),
                (rule, ctx, micros) -> {
                  lastRecorded =
                      PendingMatch.of(
                          thread.order(),
                          index,
                          local++,
                          scope,
                          rule,
                          ctx.ipVersion,
                          ctx.srcIp.clone(),
                          ctx.dstIp.clone(),
                          micros);
                  pending.add(lastRecorded);
                },
                shared.hostBits());
    generation = rules.follow();
    countedForGeneration = generation > 0;
    following = true;
    detector = new Detector(rules.current(), limiter);
    engine = streams.get();
    // the one place a run makes its per-thread detection worker
    worker =
        new FlowInspector(
            detector,
            engine,
            thread.slots(),
            (rule, ctx, p, unit) -> matched(thread, rule, ctx, p, unit),
            appLayer);
    worker.setRunOrder(thread.runOrder());
    worker.setTransactionLog(
        new org.vigil.inspect.TransactionLog() {
          @Override
          public void transaction(org.vigil.output.AppEvent event) {
            sink.transaction(event);
          }

          @Override
          public void record(org.vigil.output.OutputEvent event) {
            sink.record(event);
          }
        });
    thread.onFlowEnd(
        (f, reason) -> scope++); // the worker clears its per-packet dedup on a flow end
    thread.onFlowEnd(errors.guarding(worker));
    thread.onFlowEnd((f, reason) -> flushAlerts());
    thread.onFlowEnd(
        (f, reason) -> {
          org.vigil.output.FlowEvent record =
              org.vigil.thread.FlowEventMapper.map(f, reason, worker.flowFacts());
          org.vigil.inspect.DeferredAlertMark mark =
              deferredMarks.isEmpty() ? null : deferredMarks.remove(f);
          if (mark == null || worker.flowFacts().alerted(f)) {
            sink.flow(record);
          } else {
            // alerted or not as the coordinator decides the flow's matches, written after them
            pending.add(
                PendingMatch.flowRecord(thread.order(), index, local++, scope, record, mark));
          }
        });
  }

  @Override
  public boolean process(Packet p) {
    if (rules.generation() != generation) {
      swapRuleset();
    }
    packets++;
    scope++;
    try {
      if (p.eventCount() > 0) {
        decodeAnomalies(p);
      }
      worker.process(p);
      if (matches != null && worker.streamDrop()) {
        matches.streamDropped(p);
      }
    } catch (java.io.UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      // a bug met on one packet must not stop the engine: count it, say where, go on, as the single
      // mode does
      errors.record(p, e);
    } finally {
      flushAlerts();
    }
    return true;
  }

  /**
   * A match of {@code rule} on {@code p}: handed to the match listener, kept for the deferred
   * limiter, or its alert held for the packet's cap. The rare cases are methods of their own so the
   * compiled per-alert path stays small.
   */
  private void matched(
      ThreadContext thread,
      org.vigil.detect.artifact.RuleMeta rule,
      org.vigil.detect.api.InspectionContext ctx,
      Packet p,
      InspectionUnit unit) {
    org.vigil.app.AppTransaction tx =
        unit == InspectionUnit.APP_LAYER ? worker.currentTransaction() : null;
    String appProto = worker.flowFacts().appProto(p.flow());
    boolean deferred = deferThresholds && matches == null && shared.limits(rule);
    if (!deferred) {
      worker.flowFacts().markAlerted(p.flow()); // else as the coordinator decides
    }
    if (matches != null) {
      matches.matched(rule, ctx, p, tx, appProto);
      return;
    }
    org.vigil.output.AlertEvent mapped =
        org.vigil.thread.AlertEventMapper.withDirectionProtocols(
            mapper.map(rule, ctx, p, false, tx, appProto),
            worker.flowFacts().directionProtocol(p.flow(), true),
            worker.flowFacts().directionProtocol(p.flow(), false));
    org.vigil.output.AlertEvent event =
        unit == InspectionUnit.STREAM ? guessedTransaction(mapped, ctx, p) : mapped;
    if (deferThresholds && shared.limits(rule)) {
      defer(event, p, unit);
      return;
    }
    hold(p, rule.index(), () -> write(thread, p, event));
  }

  /** As Suricata: a raw stream match names the transaction it guesses. */
  private org.vigil.output.AlertEvent guessedTransaction(
      org.vigil.output.AlertEvent mapped, org.vigil.detect.api.InspectionContext ctx, Packet p) {
    boolean toServer = (ctx.flowFlags & org.vigil.detect.api.InspectionContext.FLOW_TO_SERVER) != 0;
    org.vigil.inspect.GuessedTransaction guessed = worker.guessedTransaction(p, toServer);
    return org.vigil.thread.AlertEventMapper.withGuessedTransaction(
        mapped, guessed.id(), guessed.record());
  }

  /** Keeps the alert of a rate-limited rule's match with the match the limiter decides on later. */
  private void defer(org.vigil.output.AlertEvent event, Packet p, InspectionUnit unit) {
    lastRecorded.attach(event, unit == InspectionUnit.APP_LAYER);
    if (p.flow() != null) {
      lastRecorded.attachMark(
          deferredMarks.computeIfAbsent(p.flow(), f -> new org.vigil.inspect.DeferredAlertMark()));
    }
    if (framesForThresholds && CaptureFrames.loggable(p)) {
      lastRecorded.attachFrame(CaptureFrames.frame(p));
    }
  }

  /** Writes an alert of packet {@code p} the cap kept. */
  private void write(ThreadContext thread, Packet p, org.vigil.output.AlertEvent event) {
    alerts++;
    if (CaptureFrames.loggable(p)) {
      // a frame of the capture (the packet being processed): the alerted router sends it to the
      // pcap log
      thread.markAlerted();
    }
    sink.alert(event);
  }

  /** Holds an alert of packet {@code p} until its packet's alerts are known. */
  private void hold(Packet p, int order, Runnable write) {
    if (p != heldPacket) {
      flushAlerts();
      heldPacket = p;
    }
    held.add(new AlertCap.Held<>(order, write));
  }

  /** Logs the held alerts the cap keeps. */
  private void flushAlerts() {
    if (held.isEmpty()) {
      return;
    }
    java.util.List<Runnable> writes = cap.keep(held);
    held.clear();
    heldPacket = null;
    for (Runnable w : writes) {
      w.run();
    }
  }

  /** Alerts the per-packet cap dropped on this thread. */
  public long alertQueueOverflow() {
    return cap.overflow();
  }

  /** A rule reload: this thread's detection moves to the new ruleset, between two packets. */
  private void swapRuleset() {
    long t0 = System.nanoTime();
    int g = rules.generation();
    worker.useRuleset(rules.current());
    generation = g;
    countedForGeneration = true;
    rules.swapped(g, System.nanoTime() - t0);
  }

  /** This thread no longer detects: a rule reload does not wait for it to swap. */
  @Override
  public void deinit() {
    if (following) {
      following = false;
      rules.leave(generation, countedForGeneration);
    }
  }

  /**
   * The EVE anomaly records of {@code p}'s decoder events (the EVE writer keeps them when its
   * anomaly types include decode).
   */
  private void decodeAnomalies(Packet p) {
    org.vigil.output.EventHeader h = org.vigil.inspect.EventHeaders.ofPacket(p);
    if (h == null) {
      return;
    }
    for (int i = 0; i < p.eventCount(); i++) {
      sink.record(
          new org.vigil.output.AnomalyEvent(
              h, org.vigil.output.AnomalyEvent.DECODE, p.event(i).statName(), null, null, null));
    }
  }

  /** The matches of rate-limited rules kept since the last call (call when the thread is idle). */
  public java.util.List<PendingMatch> takePending() {
    java.util.List<PendingMatch> out = new java.util.ArrayList<>(pending);
    pending.clear();
    return out;
  }

  /** The detector of this thread (its counters). */
  public Detector detector() {
    return detector;
  }

  /** The stream engine of this thread (its counters). */
  public StreamEngine streams() {
    return engine;
  }

  /** Alerts raised on this thread. */
  public long alerts() {
    return alerts;
  }

  /** Packets that failed on an internal error, and the first messages. */
  public org.vigil.thread.EngineErrors errors() {
    return errors;
  }

  @Override
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("alerts", alerts);
    m.put("alert_queue_overflow", cap.overflow());
    m.put("inspections", detector.inspections());
    m.put("engine_errors", errors.count());
    return m;
  }
}
