package org.vigil.flow;

/** Life stage of a flow; it selects the timeout (new, established, closed). */
public enum FlowState {
  NEW,
  ESTABLISHED,
  CLOSED
}
