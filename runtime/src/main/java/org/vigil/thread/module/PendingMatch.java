package org.vigil.thread.module;

import java.util.Comparator;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.output.AlertEvent;

/**
 * A match of a rate-limited rule (threshold, detection_filter) made on a worker thread, kept with
 * what the limiter needs so that one limiter can decide on all workers' matches in the order the
 * single mode would have met them: by global {@code order} (see {@link ThreadContext#order()}),
 * then worker, then order on the worker. {@code scope} numbers the worker's dedup scopes (one
 * packet, or one flow end): a rule alerts at most once per scope except on app-layer units.
 */
public final class PendingMatch {
  /** The order the limiter takes matches in. */
  public static final Comparator<PendingMatch> ORDER =
      Comparator.comparingLong(PendingMatch::order)
          .thenComparingInt(PendingMatch::worker)
          .thenComparingLong(PendingMatch::local);

  final long order;
  final int worker;
  final long local;
  final long scope;
  final RuleMeta rule;
  final int ipVersion;
  final byte[] srcIp;
  final byte[] dstIp;
  final long timeMicros;
  AlertEvent event;
  boolean appLayer;
  org.vigil.inspect.DeferredAlertMark mark;
  org.vigil.output.FlowEvent flowRecord;
  org.vigil.output.PcapFrame frame;

  PendingMatch(
      long order,
      int worker,
      long local,
      long scope,
      RuleMeta rule,
      int ipVersion,
      byte[] srcIp,
      byte[] dstIp,
      long timeMicros) {
    this.order = order;
    this.worker = worker;
    this.local = local;
    this.scope = scope;
    this.rule = rule;
    this.ipVersion = ipVersion;
    this.srcIp = srcIp;
    this.dstIp = dstIp;
    this.timeMicros = timeMicros;
  }

  long order() {
    return order;
  }

  /** The index of the worker that made the match. */
  public int worker() {
    return worker;
  }

  long local() {
    return local;
  }

  /** The worker's scope of the match (a packet, a flow end): one alert per rule per scope. */
  public long scope() {
    return scope;
  }

  /** The rule matched. */
  public RuleMeta rule() {
    return rule;
  }

  /** The IP version of the inspected addresses. */
  public int ipVersion() {
    return ipVersion;
  }

  /** The inspected source address (16 bytes). */
  public byte[] srcIp() {
    return srcIp;
  }

  /** The inspected destination address (16 bytes). */
  public byte[] dstIp() {
    return dstIp;
  }

  /** The capture time of the match, in microseconds. */
  public long timeMicros() {
    return timeMicros;
  }

  /** The alert mapped for the match, or null when the worker's dedup held it back. */
  public AlertEvent event() {
    return event;
  }

  /** True for a match on an app-layer unit. */
  public boolean appLayer() {
    return appLayer;
  }

  /** The copy of the matched packet's frame, or null. */
  public org.vigil.output.PcapFrame frame() {
    return frame;
  }

  /**
   * Attaches the alert the worker mapped for this match (made only when its dedup let it through).
   */
  public void attach(AlertEvent event, boolean appLayer) {
    this.event = event;
    this.appLayer = appLayer;
  }

  /** The mark of the match's flow, or null. */
  public org.vigil.inspect.DeferredAlertMark mark() {
    return mark;
  }

  /**
   * The record of a flow that ended (this entry is no match: {@link #rule()} is null) to write once
   * the matches before it are decided, saying it alerted when its {@link #mark()} says so; else
   * null.
   */
  public org.vigil.output.FlowEvent flowRecord() {
    return flowRecord;
  }

  /** Attaches the mark of the match's flow. */
  public void attachMark(org.vigil.inspect.DeferredAlertMark mark) {
    this.mark = mark;
  }

  /**
   * The record of a flow ended at {@code order} whose alerted flag waits for the decision on its
   * matches ({@code mark}).
   */
  public static PendingMatch flowRecord(
      long order,
      int worker,
      long local,
      long scope,
      org.vigil.output.FlowEvent record,
      org.vigil.inspect.DeferredAlertMark mark) {
    PendingMatch m = new PendingMatch(order, worker, local, scope, null, 0, null, null, 0);
    m.flowRecord = record;
    m.mark = mark;
    return m;
  }

  /** Attaches a copy of the frame of the packet the match was made on (for the pcap log). */
  public void attachFrame(org.vigil.output.PcapFrame frame) {
    this.frame = frame;
  }

  /**
   * A match on worker {@code worker} at global {@code order}, the {@code local}-th of its worker.
   */
  public static PendingMatch of(
      long order,
      int worker,
      long local,
      long scope,
      RuleMeta rule,
      int ipVersion,
      byte[] srcIp,
      byte[] dstIp,
      long timeMicros) {
    return new PendingMatch(order, worker, local, scope, rule, ipVersion, srcIp, dstIp, timeMicros);
  }
}
