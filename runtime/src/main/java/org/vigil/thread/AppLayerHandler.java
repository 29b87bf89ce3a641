package org.vigil.thread;

import org.vigil.stream.StreamConsumer;

/**
 * An app-layer parser attached to one TCP flow: it consumes in-order stream data and, when a
 * transaction part completes, asks the worker to inspect it.
 */
public interface AppLayerHandler extends StreamConsumer {

  /**
   * A packet of the flow sent in direction {@code toServer} is about to be inspected, after its
   * stream processing: the handler may inspect the transactions a detection pass in that direction
   * sees before they complete.
   */
  default void beforeDetection(boolean toServer) {}

  /** The flow ends (before its session is flushed): what waits for a later packet is inspected now. */
  default void beforeFlowEnd() {}
}
