package org.vigil.flow;

/** How a thread learns in which order its flows end at the end of a capture. */
@FunctionalInterface
public interface FlushOrder {
  /**
   * The flow of timeout class {@code lruClass} last moved to its list's end at {@code stamp} (see
   * {@link FlowTable#stamp}) ends next.
   */
  void next(int lruClass, long stamp);
}
