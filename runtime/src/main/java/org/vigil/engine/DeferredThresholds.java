package org.vigil.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.vigil.detect.RateLimiter;
import org.vigil.detect.api.InspectionContext;
import org.vigil.output.AlertEvent;
import org.vigil.thread.module.PendingMatch;
import org.vigil.thread.queue.Control;

/**
 * The workers' matches of rate-limited rules (threshold, detection_filter), decided by one limiter
 * in the order the single mode meets them, so thresholds by source or destination give the same
 * alerts whatever worker each flow went to. The reader asks every worker for its kept matches with
 * a checkpoint every few thousand packets and at each capture's end; a batch is decided once every
 * worker answered it and every batch before it was decided. Every match of a batch comes from work
 * the reader sent before the batch's message and every later match from work sent after it, so
 * deciding batch after batch, each sorted, is deciding in the global order, while the kept matches
 * (with their mapped alerts) stay bounded by the packets between checkpoints instead of growing
 * with the capture. Thresholds are per capture: the limiter forgets at each capture's end.
 */
final class DeferredThresholds {
  /** One request to the workers: a checkpoint, or a capture's end. */
  private record Batch(CountDownLatch done, Object[] results, boolean endOfCapture) {}

  private final RateLimiter thresholds;
  private final OutputStage output;
  private final int workers;
  private final ArrayDeque<Batch> outstanding = new ArrayDeque<>();
  private long alerts;
  private long frames;

  DeferredThresholds(RateLimiter thresholds, OutputStage output, int workers) {
    this.thresholds = thresholds;
    this.output = output;
    this.workers = workers;
  }

  /** A checkpoint to send to every worker (in worker order, as a capture's end). */
  Control.Checkpoint checkpoint() {
    Batch b = new Batch(new CountDownLatch(workers), new Object[workers], false);
    outstanding.add(b);
    return new Control.Checkpoint(b.done(), b.results());
  }

  /** A capture's end to send to every worker. */
  Control.EndOfCapture endOfCapture() {
    Batch b = new Batch(new CountDownLatch(workers), new Object[workers], true);
    outstanding.add(b);
    return new Control.EndOfCapture(b.done(), b.results());
  }

  /** True when every batch asked for was decided. */
  boolean idle() {
    return outstanding.isEmpty();
  }

  /** The latch of the oldest batch not decided yet (call when not {@link #idle()}). */
  CountDownLatch oldest() {
    return outstanding.getFirst().done();
  }

  /**
   * Decides every batch all workers answered, in the order they were asked for; returns how many
   * captures ended among them.
   */
  int settle() {
    int ended = 0;
    for (Batch b = outstanding.peek();
        b != null && b.done().getCount() == 0;
        b = outstanding.peek()) {
      outstanding.poll();
      if (decide(b.results(), b.endOfCapture())) {
        ended++;
      }
    }
    return ended;
  }

  /**
   * Decides one batch the caller gathered itself ({@code results}: one list of kept matches per
   * worker, in worker order), every batch before it being decided; at a capture's end ({@code
   * endOfCapture}) the limiter forgets. Returns {@code endOfCapture}.
   */
  boolean decide(Object[] results, boolean endOfCapture) {
    decide(results);
    if (endOfCapture) {
      thresholds.clear();
    }
    return endOfCapture;
  }

  /** Alerts the limiter let through. */
  long alerts() {
    return alerts;
  }

  /** Packets of those alerts sent to the pcap log. */
  long frames() {
    return frames;
  }

  @SuppressWarnings("unchecked")
  private void decide(Object[] results) {
    List<PendingMatch> all = new ArrayList<>();
    for (Object r : results) {
      all.addAll((List<PendingMatch>) r);
    }
    all.sort(PendingMatch.ORDER);
    // as a worker's dedup does: one alert per rule per scope (a packet, a flow end), but every
    // app-layer unit; the scope's event is the one its first match was mapped to. A scope is one
    // message of a worker, so it never spans two batches.
    Map<String, PendingMatch> groupFirst = new HashMap<>();
    for (PendingMatch pm : all) {
      if (pm.rule() != null && pm.event() != null && !pm.appLayer()) {
        groupFirst.putIfAbsent(pm.worker() + ":" + pm.scope() + ":" + pm.rule().index(), pm);
      }
    }
    Set<String> alerted = new HashSet<>();
    InspectionContext ctx = new InspectionContext();
    for (PendingMatch pm : all) {
      if (pm.rule() == null) {
        // a flow's record, after its matches: alerted when one of them was let through
        org.vigil.output.FlowEvent f = pm.flowRecord();
        output.flow(pm.mark().isAlerted() && !f.alerted() ? f.withAlerted(true) : f);
        continue;
      }
      ctx.ipVersion = pm.ipVersion();
      System.arraycopy(pm.srcIp(), 0, ctx.srcIp, 0, 16);
      System.arraycopy(pm.dstIp(), 0, ctx.dstIp, 0, 16);
      if (!thresholds.allow(pm.rule(), ctx, pm.timeMicros())) {
        continue;
      }
      if (pm.appLayer()) {
        if (pm.mark() != null) {
          pm.mark().alerted();
        }
        alerts++;
        output.alert(pm.event());
        if (pm.frame() != null) {
          frames++;
          output.packet(pm.frame());
        }
        continue;
      }
      String group = pm.worker() + ":" + pm.scope() + ":" + pm.rule().index();
      PendingMatch first = groupFirst.get(group);
      AlertEvent e = first == null ? null : first.event();
      if (e != null && alerted.add(group)) {
        if (first.mark() != null) {
          first.mark().alerted();
        }
        alerts++;
        output.alert(e);
        if (pm.frame() != null) {
          // a scope is one packet (or a flow end, without a frame): the packet the alert was
          // raised on
          frames++;
          output.packet(pm.frame());
        }
      }
    }
  }
}
