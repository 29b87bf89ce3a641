package org.vigil.thread.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.app.AppTransaction;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.flow.Flow;
import org.vigil.output.AlertEvent;
import org.vigil.output.DropEvent;
import org.vigil.thread.AlertEventMapper;
import org.vigil.verdict.InlineEnforcer;
import org.vigil.verdict.Verdict;

/**
 * The inline verdict of a thread: takes the matches of the detect module (see {@link
 * DetectModule#divertMatches}) over everything one queued packet became (the packet, its
 * reassembly, its tunnel inner packets) and turns the strongest of their rules' actions into the
 * packet's verdict: {@code drop} drops the packet and its flow (blocked alert and EVE drop record),
 * {@code reject} also resets the sender, {@code sdrop} drops silently, {@code alert} only alerts,
 * and a packet nothing drops is accepted. The alerts are written once the verdict is known. Placed
 * before the detect module, it also stops the packets of a dropped flow (they are dropped
 * uninspected, as Suricata's FLOW_ACTION_DROP), and its {@link InlineEnforcer} marks the flows a
 * verdict drops and sends the resets of a reject.
 */
public final class VerdictModule implements ThreadModule, MatchListener {
  /** What the matched rules ask of the packet, weakest first. */
  private enum Action {
    ALERT,
    SDROP,
    DROP,
    REJECT
  }

  private record Pending(AlertEvent blockedAlert, AlertEvent allowedAlert, DropEvent drop) {}

  private final AlertEventMapper mapper;
  private final EventSink sink;
  private final InlineEnforcer enforcer;
  private final List<AlertCap.Held<Pending>> pending = new ArrayList<>();

  /** Suricata's per-packet alert cap on the alerts written (verdicts are not capped). */
  private AlertCap cap = new AlertCap(AlertCap.DEFAULT);

  /** The strongest action of the rules matched on the current queued packet, or null. */
  private Action action;

  /** The current queued packet belongs to a dropped flow. */
  private boolean inDroppedFlow;

  /** The stream engine refused the current queued packet (or one it became). */
  private boolean streamDrop;

  private long streamDrops;

  /**
   * The last flow met while processing the current queued packet (its reassembly's, for a
   * fragment).
   */
  private Flow lastFlow;

  private long alerts;
  private long drops;
  private long rejects;

  /**
   * Verdicts whose alerts are mapped with {@code mapper} and written to {@code sink}, carried out
   * by {@code enforcer}.
   */
  public VerdictModule(AlertEventMapper mapper, EventSink sink, InlineEnforcer enforcer) {
    this.mapper = mapper;
    this.sink = sink;
    this.enforcer = enforcer;
  }

  @Override
  public String name() {
    return "verdict";
  }

  /** Writes at most {@code max} alerts per queued packet ({@code packet-alert-max}). */
  public void alertCap(int max) {
    this.cap = new AlertCap(max);
  }

  /** Stops the packets of a dropped flow before detection. */
  @Override
  public boolean process(Packet p) {
    Flow f = p.flow();
    if (f != null) {
      lastFlow = f;
    }
    if (enforcer.inDroppedFlow(f)) {
      inDroppedFlow = true;
      return false;
    }
    return true;
  }

  /**
   * A new queued packet: forgets the matches of the last one (also those of a packet that failed).
   */
  public void begin() {
    action = null;
    pending.clear();
    inDroppedFlow = false;
    streamDrop = false;
    lastFlow = null;
  }

  /**
   * Writes the queued packet {@code frame}'s alerts (and its drop record), carries out its verdict
   * (flow drop, reject) and returns what the packet source must do with it: accept, drop or repeat.
   */
  public Verdict decide(Packet frame) {
    Flow flow = frame.flow() != null ? frame.flow() : lastFlow;
    return enforcer.apply(ruleVerdict(), frame, flow);
  }

  private Verdict ruleVerdict() {
    boolean blocked = action != null && action.compareTo(Action.SDROP) >= 0;
    boolean dropLogged = false;
    for (Pending a : cap.keep(pending)) {
      sink.alert(blocked ? a.blockedAlert : a.allowedAlert);
      alerts++;
      if (blocked && a.drop != null && !dropLogged) {
        sink.drop(a.drop); // one drop record per packet, naming the first dropping rule
        dropLogged = true;
      }
    }
    pending.clear();
    if (action == null || action == Action.ALERT) {
      if (streamDrop && !inDroppedFlow) {
        streamDrops++;
      }
      return inDroppedFlow || streamDrop ? Verdict.DROP : Verdict.ACCEPT;
    }
    if (action == Action.REJECT) {
      rejects++;
      return Verdict.REJECT;
    }
    drops++;
    return Verdict.DROP_FLOW;
  }

  @Override
  public void matched(
      RuleMeta rule, InspectionContext ctx, Packet p, AppTransaction tx, String appProto) {
    Action a =
        switch (rule.action()) {
          case DROP -> Action.DROP;
          case REJECT -> Action.REJECT;
          case SDROP -> Action.SDROP;
          case ALERT, LOG, PASS -> Action.ALERT;
        };
    if (action == null || a.compareTo(action) > 0) {
      action = a;
    }
    if (a == Action.SDROP) {
      return;
    }
    AlertEvent blockedAlert = mapper.map(rule, ctx, p, true, tx, appProto);
    AlertEvent allowedAlert = mapper.map(rule, ctx, p, false, tx, appProto);
    DropEvent drop =
        a == Action.ALERT
            ? null
            : new DropEvent(
                AlertEventMapper.header(ctx, p),
                ipLength(p),
                p.tos(),
                p.ttl(),
                p.ipId(),
                "rules",
                blockedAlert,
                dropDetails(p));
    pending.add(new AlertCap.Held<>(rule.index(), new Pending(blockedAlert, allowedAlert, drop)));
  }

  /**
   * EVE drop's {@code len}: the IPv4 total length, or the IPv6 payload length, as Suricata prints
   * them (the frame's length when the packet has no IP header).
   */
  private static int ipLength(Packet p) {
    byte[] b = p.data();
    int l3 = p.l3Offset();
    if (p.ipVersion() == 4 && l3 + 4 <= p.length()) {
      return ((b[l3 + 2] & 0xff) << 8) | (b[l3 + 3] & 0xff);
    }
    if (p.ipVersion() == 6 && l3 + 6 <= p.length()) {
      return ((b[l3 + 4] & 0xff) << 8) | (b[l3 + 5] & 0xff);
    }
    return p.length();
  }

  /** The IPv6 and transport header fields of a dropped packet's EVE record. */
  private static org.vigil.output.DropDetails dropDetails(Packet p) {
    byte[] b = p.data();
    int l3 = p.l3Offset();
    boolean v6 = p.ipVersion() == 6 && l3 + 4 <= p.length();
    int label =
        v6 ? ((b[l3 + 1] & 0x0f) << 16) | ((b[l3 + 2] & 0xff) << 8) | (b[l3 + 3] & 0xff) : 0;
    int l4 = p.l4Offset();
    if (p.isTcp() && l4 + 20 <= p.length()) {
      return new org.vigil.output.DropDetails(
          v6,
          label,
          "tcp",
          Integer.toUnsignedLong(p.tcpSeq()),
          Integer.toUnsignedLong(p.tcpAck()),
          p.tcpWindow(),
          p.tcpFlags(),
          b[l4 + 12] & 0x0f,
          p.tcpUrgentPointer(),
          0,
          -1,
          -1);
    }
    if (p.isUdp() && l4 + 8 <= p.length()) {
      int len = ((b[l4 + 4] & 0xff) << 8) | (b[l4 + 5] & 0xff);
      return new org.vigil.output.DropDetails(v6, label, "udp", 0, 0, 0, 0, 0, 0, len, -1, -1);
    }
    if ((p.isIcmpv4() || p.isIcmpv6()) && p.hasIcmpIdSeq()) {
      return new org.vigil.output.DropDetails(
          v6, label, "icmp", 0, 0, 0, 0, 0, 0, 0, p.icmpId(), p.icmpSeq());
    }
    return new org.vigil.output.DropDetails(v6, label, null, 0, 0, 0, 0, 0, 0, 0, -1, -1);
  }

  /** A packet the stream engine will not forward is dropped alone (its flow goes on). */
  @Override
  public void streamDropped(Packet p) {
    streamDrop = true;
  }

  /**
   * Packets dropped because the stream engine refused them (TTL decoys, overlaps with different
   * data).
   */
  public long streamDrops() {
    return streamDrops;
  }

  /** Alerts the per-packet cap kept from being written. */
  public long alertQueueOverflow() {
    return cap.overflow();
  }

  /** Alerts written. */
  public long alerts() {
    return alerts;
  }

  /** Packets dropped by rule actions (drop, sdrop), not counting later packets of dropped flows. */
  public long drops() {
    return drops;
  }

  /** Packets rejected by rule actions. */
  public long rejects() {
    return rejects;
  }

  /** The enforcer's counters (flow drops, rejects sent). */
  public InlineEnforcer.Stats enforcement() {
    return enforcer.stats();
  }

  @Override
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alerts", alerts);
    m.put("alert_queue_overflow", cap.overflow());
    m.put("rule_drops", drops);
    m.put("rule_rejects", rejects);
    m.put("stream_drops", streamDrops);
    InlineEnforcer.Stats e = enforcer.stats();
    m.put("flow_dropped_packets", e.flowDroppedPackets());
    m.put("flows_dropped", e.flowsDropped());
    m.put("rejects_sent", e.rejectsSent());
    m.put("reject_errors", e.rejectErrors());
    return m;
  }
}
