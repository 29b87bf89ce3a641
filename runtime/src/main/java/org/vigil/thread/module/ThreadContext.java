package org.vigil.thread.module;

import java.util.ArrayList;
import java.util.List;
import org.vigil.decode.PathStats;
import org.vigil.flow.Flow;
import org.vigil.flow.FlowEndListener;
import org.vigil.flow.FlowEndReason;
import org.vigil.flow.FlowSlots;

/**
 * What the modules of one thread share: the thread's name and index, its path counters, the flow
 * slots its flows carry, and the flow-end listeners (modules that keep per-flow state register here
 * and are told when the thread's flow table ends a flow).
 */
public final class ThreadContext implements FlowEndListener {
  private final String name;
  private final int index;
  private final PathStats stats;
  private final FlowSlots slots = new FlowSlots();
  private final List<FlowEndListener> flowEnd = new ArrayList<>();
  private long order;
  private org.vigil.app.RunOrder runOrder = org.vigil.app.RunOrder.SINGLE;
  private boolean alerted;

  /** The context of thread {@code name}, the {@code index}-th of its stage. */
  public ThreadContext(String name, int index) {
    this(name, index, new PathStats());
  }

  /**
   * The context of thread {@code name} counting into {@code stats} (shared with the thread's decode
   * stage).
   */
  public ThreadContext(String name, int index, PathStats stats) {
    this.name = name;
    this.index = index;
    this.stats = stats;
  }

  /** The thread's name (as in stats.json). */
  public String name() {
    return name;
  }

  /** The thread's index within its stage. */
  public int index() {
    return index;
  }

  /** The thread's packet path counters (flows, for the flow module). */
  public PathStats stats() {
    return stats;
  }

  /** The per-flow slots of this thread's flows. */
  public FlowSlots slots() {
    return slots;
  }

  /**
   * Where the work being done stands in the run's global order: {@code 2 * sequence} while capture
   * time advances before the packet numbered {@code sequence}, {@code 2 * sequence + 1} while that
   * packet is processed, {@link Long#MAX_VALUE} at the end of a capture. Threads apply decisions
   * that need one global order (thresholds) by it.
   */
  public long order() {
    return order;
  }

  /** Set by the thread before it hands its modules work (see {@link #order()}). */
  public void setOrder(long order) {
    this.order = order;
  }

  /**
   * Set by a module that raised an alert on the packet being processed (read by the alerted
   * router).
   */
  public void markAlerted() {
    alerted = true;
  }

  /** True when an alert was raised on the packet being processed. */
  public boolean alerted() {
    return alerted;
  }

  /** Cleared by the thread before it hands its modules the next packet. */
  public void clearAlerted() {
    alerted = false;
  }

  /** Asks to be told when a flow of this thread ends. */
  public void onFlowEnd(FlowEndListener l) {
    flowEnd.add(l);
  }

  @Override
  public void flowEnded(Flow flow, FlowEndReason reason) {
    for (FlowEndListener l : flowEnd) {
      l.flowEnded(flow, reason);
    }
  }

  /** Where this thread stands among the run's threads (a run of one thread by default). */
  public org.vigil.app.RunOrder runOrder() {
    return runOrder;
  }

  /** Sets where this thread stands among the run's threads; call before the chain's init. */
  public void setRunOrder(org.vigil.app.RunOrder runOrder) {
    this.runOrder = runOrder;
  }
}
