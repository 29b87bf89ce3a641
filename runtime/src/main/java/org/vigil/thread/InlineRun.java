package org.vigil.thread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.acquire.nfq.NfqOptions;
import org.vigil.acquire.nfq.NfqPacket;
import org.vigil.acquire.nfq.NfqSource;
import org.vigil.acquire.nfq.NfqStats;
import org.vigil.config.HostOsPolicyTable;
import org.vigil.config.VigilConfig;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.DecodePipeline;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathConfig;
import org.vigil.detect.Detector;
import org.vigil.detect.RuleMeta;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.InspectionContext;
import org.vigil.inspect.AlertListener;
import org.vigil.inspect.FlowInspector;
import org.vigil.inspect.InspectionUnit;
import org.vigil.flow.FlowSlots;
import org.vigil.output.AlertEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.Outputs;
import org.vigil.stats.PathStats;
import org.vigil.stream.StreamConfig;
import org.vigil.stream.StreamEngine;
import org.vigil.verdict.Verdict;

/**
 * The inline run mode on a Linux NFQUEUE: one thread takes each queued IP packet through the packet
 * path and the worker (TCP stream in inline mode unless {@code stream.inline: no}) and gives it a
 * verdict from the actions of the rules that matched it: {@code drop} drops the packet and its flow
 * (blocked alert and EVE drop record), {@code reject} also resets the sender, {@code sdrop} drops
 * silently, {@code alert} only alerts, and a packet nothing drops is accepted. A packet whose
 * processing fails gets the source's fail verdict (counted).
 */
public final class InlineRun {
  /** Bytes of already seen in-order stream data kept before each new segment in the inline window. */
  public static final int INLINE_WINDOW_BYTES = 16 * 1024;

  private final Ruleset ruleset;
  private final VigilConfig config;
  private final Outputs outputs;
  private final AlertEventMapper mapper;
  private final org.vigil.app.AppLayers appLayer;
  private final PathStats stats = new PathStats();
  private final EngineErrors errors = new EngineErrors();
  private volatile NfqSource source;
  private volatile boolean stopRequested;
  private long alerts;
  private long packets;
  private long drops;
  private long rejects;
  /** The strongest action of the rules matched on the current queued packet. */
  private Action action;
  /** The alerts of the current packet, written once its verdict is known. */
  private final List<Pending> pending = new ArrayList<>();

  /** What the matched rules ask for, weakest first. */
  private enum Action { ALERT, SDROP, DROP, REJECT }

  private record Pending(RuleMeta rule, AlertEvent blockedAlert, AlertEvent allowedAlert, DropEvent drop) {}

  /** An inline run of {@code ruleset} under {@code config}, writing to {@code outputs}. */
  public InlineRun(Ruleset ruleset, VigilConfig config, Outputs outputs, AlertEventMapper mapper,
      org.vigil.app.AppLayers appLayer) {
    this.ruleset = ruleset;
    this.config = config;
    this.outputs = outputs;
    this.mapper = mapper;
    this.appLayer = appLayer;
  }

  /**
   * Binds NFQUEUE {@code options.queue()} and gives verdicts until {@link #stop()}; returns the final
   * counters (also written to the stats output).
   *
   * @throws org.vigil.acquire.nfq.NfqException when the queue cannot be bound (not permitted, library
   *     missing, queue already bound)
   */
  public Map<String, Object> run(NfqOptions options) throws IOException {
    HostOsPolicyTable hosts = HostOsPolicyTable.from(config);
    StreamConfig sc = config.streamInline(true) ? StreamConfig.inline(port -> INLINE_WINDOW_BYTES) : StreamConfig.ids();
    sc = sc.withMidstream(config.streamMidstream()).withDepth(config.streamReassemblyDepth());
    StreamEngine streams = new StreamEngine(sc, CaptureRun.streamPolicies(hosts));
    Detector detector = new Detector(ruleset);
    FlowInspector[] self = new FlowInspector[1];
    AlertListener sink = (rule, ctx, p, unit) -> onMatch(rule, ctx, p,
        unit == InspectionUnit.APP_LAYER ? self[0].currentHttp() : null);
    FlowInspector worker = new FlowInspector(detector, streams, new FlowSlots(), sink, appLayer);
    self[0] = worker;
    worker.setTransactionLog(event -> {
      try {
        outputs.http(event);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    PathConfig path = new PathConfig(DecodeConfig.defaults().withChecksums(config.checksumsValidate()),
        PathConfig.defaults().defrag(), PathConfig.defaults().flow());
    DecodePipeline pipeline = new DecodePipeline(path, CaptureRun.fragPolicies(hosts), stats, p -> {
      packets++;
      worker.process(p);
    }, errors.guarding(worker));
    Packet frame = pipeline.acquire();
    NfqSource src = NfqSource.open(options);
    source = src;
    try (src) {
      if (!stopRequested) {
        src.run(packet -> verdict(packet, pipeline, frame));
      }
      pipeline.endOfCapture();
      Map<String, Object> counters = counters(streams, detector, src.stats());
      outputs.finish(counters);
      return counters;
    } finally {
      source = null;
    }
  }

  private Verdict verdict(NfqPacket packet, DecodePipeline pipeline, Packet frame) throws IOException {
    action = null;
    pending.clear();
    int len = packet.payloadLength();
    try {
      frame.reset();
      byte[] data = frame.ensureCapacity(len);
      packet.buffer().get(packet.payloadOffset(), data, 0, len);
      long micros = packet.timestampMicros();
      long nanos = micros >= 0 ? micros * 1000 : System.currentTimeMillis() * 1_000_000L;
      frame.setFrame(len, packet.originalLength(), nanos, LinkTypes.RAW, 0, null);
      pipeline.process(frame);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      // a bug met on one packet must not stop the engine: count it, the source gives its fail verdict
      errors.record("queued packet " + packet.id(), e);
      throw e;
    }
    boolean blocked = action != null && action.compareTo(Action.SDROP) >= 0;
    boolean dropLogged = false;
    for (Pending a : pending) {
      outputs.alert(blocked ? a.blockedAlert : a.allowedAlert);
      alerts++;
      if (blocked && a.drop != null && !dropLogged) {
        outputs.drop(a.drop); // one drop record per packet, naming the first dropping rule
        dropLogged = true;
      }
    }
    pending.clear();
    if (action == null || action == Action.ALERT) {
      return Verdict.ACCEPT;
    }
    if (action == Action.REJECT) {
      rejects++;
      return Verdict.REJECT;
    }
    drops++;
    return Verdict.DROP_FLOW;
  }

  private void onMatch(RuleMeta rule, InspectionContext ctx, Packet p, org.vigil.output.HttpInfo http) {
    Action a = switch (rule.action()) {
      case "drop" -> Action.DROP;
      case "reject" -> Action.REJECT;
      case "sdrop" -> Action.SDROP;
      default -> Action.ALERT;
    };
    if (action == null || a.compareTo(action) > 0) {
      action = a;
    }
    if (a == Action.SDROP) {
      return;
    }
    AlertEvent blockedAlert = mapper.map(rule, ctx, p, true, http);
    AlertEvent allowedAlert = mapper.map(rule, ctx, p, false, http);
    DropEvent drop = a == Action.ALERT ? null
        : new DropEvent(AlertEventMapper.header(ctx, p), p.length(), p.tos(), p.ttl(), p.ipId(), "rules", blockedAlert);
    pending.add(new Pending(rule, blockedAlert, allowedAlert, drop));
  }

  /** Asks the run to end (any thread, e.g. a signal handler): the verdict loop returns within 200 ms. */
  public void stop() {
    stopRequested = true;
    NfqSource s = source;
    if (s != null) {
      s.stop();
    }
  }

  /** Alerts written so far. */
  public long alerts() {
    return alerts;
  }

  /** Packets that went through detection. */
  public long packets() {
    return packets;
  }

  /** Packets dropped by rule actions (drop, sdrop), not counting later packets of dropped flows. */
  public long drops() {
    return drops;
  }

  /** Packets rejected by rule actions. */
  public long rejects() {
    return rejects;
  }

  /** Packets whose processing failed on an internal error (given the fail verdict). */
  public long engineErrors() {
    return errors.count();
  }

  /** The first internal errors met. */
  public List<String> errorMessages() {
    return errors.messages();
  }

  private Map<String, Object> counters(StreamEngine streams, Detector detector, NfqStats nfq) {
    Map<String, Object> m = StatsTree.runCounters(stats, streams, detector, alerts, errors.count());
    Map<String, Object> ips = new LinkedHashMap<>();
    ips.put("queue", nfq.queue());
    ips.put("received", nfq.received());
    ips.put("accepted", nfq.accepted());
    ips.put("dropped", nfq.dropped());
    ips.put("rejected", nfq.rejected());
    ips.put("rule_drops", drops);
    ips.put("rule_rejects", rejects);
    ips.put("fail_verdicts", nfq.handlerFailures());
    ips.put("enobufs", nfq.enobufs());
    m.put("ips", ips);
    return m;
  }
}
