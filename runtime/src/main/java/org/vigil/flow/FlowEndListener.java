package org.vigil.flow;

/**
 * Receives each flow as it leaves the table (the flow end record), before its object is recycled.
 */
@FunctionalInterface
public interface FlowEndListener {
  void flowEnded(Flow flow, FlowEndReason reason);

  /** A listener that ignores flow ends. */
  FlowEndListener NONE = (f, r) -> {};
}
