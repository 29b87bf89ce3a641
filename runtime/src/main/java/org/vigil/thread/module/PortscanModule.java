package org.vigil.thread.module;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.detect.RateLimiter;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleAction;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.output.AlertEvent;
import org.vigil.output.EventHeader;
import org.vigil.portscan.PortscanConfig;
import org.vigil.portscan.PortscanDetector;
import org.vigil.portscan.ScanAlert;
import org.vigil.portscan.ScanProtocol;
import org.vigil.portscan.ScanSignature;
import org.vigil.portscan.ScanTracker;
import org.vigil.portscan.ScanType;
import org.vigil.thread.AlertEventMapper;

/**
 * Portscan detection for one thread, after flow tracking: counts each packet in the run's shared
 * {@link ScanTracker} and raises each scan found as a gid 122 alert through the path rule alerts
 * take (threshold file, EVE with a {@code portscan} object, fast.log, the alert log), from the
 * scanner to the scanned host (an open port event, sid 27, to the open port).
 */
public final class PortscanModule implements ThreadModule {
  /** The classtype portscan alerts carry (its category and priority in classification.config). */
  public static final String CLASSTYPE = "attempted-recon";

  private final PortscanDetector detector;
  private final ScanTracker tracker;
  private final RateLimiter thresholds;
  private final AlertEventMapper mapper;
  private final EventSink sink;
  private final InspectionContext ctx = new InspectionContext();
  private static final RuleMeta OPEN_PORT =
      rule(ScanSignature.OPEN_PORT_SID, ScanSignature.OPEN_PORT_MESSAGE);

  private final Map<ScanProtocol, Map<ScanType, RuleMeta[]>> rules =
      new EnumMap<>(ScanProtocol.class);
  private ThreadContext thread;
  private long suppressed;

  /**
   * Detection under {@code config} counting in {@code tracker}; alerts decided by {@code
   * thresholds} (the run's limiter: thread-safe), categorized by {@code mapper}, sent to {@code
   * sink}.
   */
  public PortscanModule(
      PortscanConfig config,
      ScanTracker tracker,
      RateLimiter thresholds,
      AlertEventMapper mapper,
      EventSink sink) {
    this.detector = new PortscanDetector(config, tracker);
    this.tracker = tracker;
    this.thresholds = thresholds;
    this.mapper = mapper;
    this.sink = sink;
  }

  @Override
  public String name() {
    return "portscan";
  }

  @Override
  public void init(ThreadContext thread) {
    this.thread = thread;
  }

  @Override
  public boolean process(Packet p) {
    detector.process(p, a -> alert(a, p));
    return true;
  }

  @Override
  public void endOfCapture() {
    // as the flow tables, the trackers start from nothing with the next capture
    detector.endOfCapture();
  }

  /** The rule an alert of {@code s} reports as (gid 122, Snort's sid and message). */
  static RuleMeta rule(ScanSignature s) {
    return rule(s.sid(), s.message());
  }

  private static RuleMeta rule(int sid, String message) {
    return new RuleMeta(
        -sid,
        ScanSignature.GID,
        sid,
        1,
        RuleAction.ALERT,
        message,
        CLASSTYPE,
        0,
        List.of(),
        null,
        0);
  }

  private RuleMeta ruleOf(ScanSignature s) {
    RuleMeta[] pair =
        rules
            .computeIfAbsent(s.protocol(), k -> new EnumMap<>(ScanType.class))
            .computeIfAbsent(s.type(), k -> new RuleMeta[2]);
    int i = s.filtered() ? 1 : 0;
    if (pair[i] == null) {
      pair[i] = rule(s);
    }
    return pair[i];
  }

  private void alert(ScanAlert a, Packet p) {
    RuleMeta rule = a.isOpenPort() ? OPEN_PORT : ruleOf(a.signature());
    ctx.ipVersion = a.version();
    java.util.Arrays.fill(ctx.srcIp, (byte) 0);
    java.util.Arrays.fill(ctx.dstIp, (byte) 0);
    IpAddresses.putBytes(ctx.srcIp, a.version(), a.scannerHi(), a.scannerLo());
    IpAddresses.putBytes(ctx.dstIp, a.version(), a.targetHi(), a.targetLo());
    ctx.ipProto = 255; // sfPortscan's pseudo-packet protocol: the alert has no ports
    ctx.flowFlags = 0;
    if (!thresholds.allow(rule, ctx, a.timeNanos() / 1000)) {
      suppressed++;
      return;
    }
    AlertEvent base = mapper.map(rule, ctx, p, false);
    EventHeader h =
        new EventHeader(
            a.timeNanos(),
            0,
            p.hasPcapCnt() ? p.pcapCnt() : null,
            p.captureName(),
            IpAddresses.formatEve(a.version(), a.scannerHi(), a.scannerLo()),
            null,
            IpAddresses.formatEve(a.version(), a.targetHi(), a.targetLo()),
            a.isOpenPort() ? a.openPort() : null,
            a.signature().protocol().label(),
            null,
            null,
            null,
            null);
    if (CaptureFrames.loggable(p)) {
      thread.markAlerted();
    }
    sink.alert(
        AlertEvent.builder(h)
            .rule(ScanSignature.GID, rule.sid(), (int) rule.rev())
            .signature(rule.msg(), base.category(), base.severity())
            .app(null, a.details())
            .build());
  }

  /** Scans this thread reported (after the threshold file). */
  public long alerts() {
    return detector.alerts() - suppressed;
  }

  @Override
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("probes", detector.probes());
    m.put("alerts", alerts());
    m.put("trackers", tracker.size());
    m.put("trackers_peak", tracker.peak());
    m.put("trackers_max", tracker.capacity());
    m.put("evictions", tracker.evictions());
    return m;
  }
}
