package org.vigil.thread.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.decode.Packet;
import org.vigil.detect.RuleMeta;
import org.vigil.detect.api.InspectionContext;
import org.vigil.output.AlertEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.HttpInfo;
import org.vigil.thread.AlertEventMapper;
import org.vigil.verdict.Verdict;

/**
 * The inline verdict of a thread: takes the matches of the detect module (see
 * {@link DetectModule#divertMatches}) over everything one queued packet became (the packet, its
 * reassembly, its tunnel inner packets) and turns the strongest of their rules' actions into the
 * packet's verdict: {@code drop} drops the packet and its flow (blocked alert and EVE drop record),
 * {@code reject} also resets the sender, {@code sdrop} drops silently, {@code alert} only alerts, and a
 * packet nothing drops is accepted. The alerts are written once the verdict is known.
 */
public final class VerdictModule implements ThreadModule, MatchListener {
  /** What the matched rules ask of the packet, weakest first. */
  private enum Action { ALERT, SDROP, DROP, REJECT }

  private record Pending(AlertEvent blockedAlert, AlertEvent allowedAlert, DropEvent drop) {}

  private final AlertEventMapper mapper;
  private final EventSink sink;
  private final List<Pending> pending = new ArrayList<>();
  /** The strongest action of the rules matched on the current queued packet, or null. */
  private Action action;
  private long alerts;
  private long drops;
  private long rejects;

  /** Verdicts whose alerts are mapped with {@code mapper} and written to {@code sink}. */
  public VerdictModule(AlertEventMapper mapper, EventSink sink) {
    this.mapper = mapper;
    this.sink = sink;
  }

  @Override
  public String name() {
    return "verdict";
  }

  @Override
  public boolean process(Packet p) {
    return true;
  }

  /** A new queued packet: forgets the matches of the last one (also those of a packet that failed). */
  public void begin() {
    action = null;
    pending.clear();
  }

  /** Writes the queued packet's alerts (and its drop record) and returns its verdict. */
  public Verdict decide() {
    boolean blocked = action != null && action.compareTo(Action.SDROP) >= 0;
    boolean dropLogged = false;
    for (Pending a : pending) {
      sink.alert(blocked ? a.blockedAlert : a.allowedAlert);
      alerts++;
      if (blocked && a.drop != null && !dropLogged) {
        sink.drop(a.drop); // one drop record per packet, naming the first dropping rule
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

  @Override
  public void matched(RuleMeta rule, InspectionContext ctx, Packet p, HttpInfo http) {
    Action a = switch (rule.action()) {
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
    AlertEvent blockedAlert = mapper.map(rule, ctx, p, true, http);
    AlertEvent allowedAlert = mapper.map(rule, ctx, p, false, http);
    DropEvent drop = a == Action.ALERT ? null
        : new DropEvent(AlertEventMapper.header(ctx, p), p.length(), p.tos(), p.ttl(), p.ipId(), "rules", blockedAlert);
    pending.add(new Pending(blockedAlert, allowedAlert, drop));
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

  @Override
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alerts", alerts);
    m.put("rule_drops", drops);
    m.put("rule_rejects", rejects);
    return m;
  }
}
