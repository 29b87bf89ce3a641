package org.vigil.thread;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Internal errors met on single packets (counted and passed over, never stopping the engine): how
 * many, and the first {@value #KEPT} messages saying on what packet, for the run's summary.
 */
public final class EngineErrors {
  /** Messages kept; later errors are only counted. */
  public static final int KEPT = 20;

  private final List<String> messages = new ArrayList<>();
  private long count;

  /** Counts an error met on {@code where} (a packet, a queued packet). */
  public void record(Object where, RuntimeException e) {
    count++;
    if (messages.size() < KEPT) {
      messages.add("internal error on " + where + ": " + e);
    }
  }

  /**
   * {@code listener}, with an internal error met while a flow ends (its last stream data inspected,
   * its app layer flushed) counted and passed over as a packet's is, so the run goes on.
   */
  public org.vigil.flow.FlowEndListener guarding(org.vigil.flow.FlowEndListener listener) {
    return (flow, reason) -> {
      try {
        listener.flowEnded(flow, reason);
      } catch (java.io.UncheckedIOException e) {
        throw e; // an output that cannot write stops the run
      } catch (RuntimeException e) {
        record("the end of flow " + flow.id(), e);
      }
    };
  }

  /** Takes in another thread's errors (after that thread ended). */
  public void add(EngineErrors other) {
    count += other.count;
    for (String m : other.messages) {
      if (messages.size() < KEPT) {
        messages.add(m);
      }
    }
  }

  /** Errors met. */
  public long count() {
    return count;
  }

  /** The first errors' messages. */
  public List<String> messages() {
    return Collections.unmodifiableList(messages);
  }
}
