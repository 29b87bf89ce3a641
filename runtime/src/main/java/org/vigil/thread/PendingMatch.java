package org.vigil.thread;

import java.util.Comparator;
import org.vigil.detect.RuleMeta;
import org.vigil.output.AlertEvent;

/**
 * A match of a rate-limited rule (threshold, detection_filter) made on a worker thread, kept with
 * what the limiter needs so that one limiter can decide on all workers' matches in the order the
 * single mode would have met them: by global {@code order} (see
 * {@link org.vigil.thread.module.ThreadContext#order()}), then worker, then order on the worker.
 * {@code scope} numbers the worker's dedup scopes (one packet, or one flow end): a rule alerts at
 * most once per scope except on app-layer units.
 */
public final class PendingMatch {
  /** The order the limiter takes matches in. */
  public static final Comparator<PendingMatch> ORDER = Comparator.comparingLong(PendingMatch::order)
      .thenComparingInt(PendingMatch::worker).thenComparingLong(PendingMatch::local);

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
  org.vigil.output.PcapFrame frame;

  PendingMatch(long order, int worker, long local, long scope, RuleMeta rule, int ipVersion, byte[] srcIp,
      byte[] dstIp, long timeMicros) {
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

  int worker() {
    return worker;
  }

  long local() {
    return local;
  }

  /** Attaches the alert the worker mapped for this match (made only when its dedup let it through). */
  public void attach(AlertEvent event, boolean appLayer) {
    this.event = event;
    this.appLayer = appLayer;
  }

  /** Attaches a copy of the frame of the packet the match was made on (for the pcap log). */
  public void attachFrame(org.vigil.output.PcapFrame frame) {
    this.frame = frame;
  }

  /** A match on worker {@code worker} at global {@code order}, the {@code local}-th of its worker. */
  public static PendingMatch of(long order, int worker, long local, long scope, RuleMeta rule, int ipVersion,
      byte[] srcIp, byte[] dstIp, long timeMicros) {
    return new PendingMatch(order, worker, local, scope, rule, ipVersion, srcIp, dstIp, timeMicros);
  }
}
