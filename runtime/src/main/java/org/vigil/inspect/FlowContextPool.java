package org.vigil.inspect;

import java.util.ArrayDeque;

/**
 * The detection contexts of one inspector's flows: a new flow takes the context of a flow that
 * ended (reset) or a new one, so a flood's evicted flows leave no context behind for the old
 * generation. A context goes back when its flow ends and is reset only when taken again, after the
 * flow-end listeners that follow the inspector's have read it (flow records: alerted, app_proto).
 */
final class FlowContextPool {
  /** Contexts of ended flows kept for reuse at most. */
  static final int SPARE = 1024;

  private final ArrayDeque<FlowContext> spare = new ArrayDeque<>();

  /** A context for a new flow. */
  FlowContext take() {
    FlowContext fc = spare.poll();
    if (fc == null) {
      return new FlowContext();
    }
    fc.reset();
    return fc;
  }

  /**
   * Keeps the context of an ended flow (whose record drops it) for a later flow; its kept packet
   * scans go now, with the session that accounted them.
   */
  void retire(FlowContext fc) {
    fc.dropStreamHits();
    if (spare.size() < SPARE) {
      spare.push(fc);
    }
  }
}
