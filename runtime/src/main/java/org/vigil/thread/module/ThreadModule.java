package org.vigil.thread.module;

import java.util.Map;
import org.vigil.decode.Packet;

/**
 * One stage of a thread's pipeline (flow tracking, detection, a plugin): made once per thread, it
 * owns per-thread state, so it needs no locks. The thread calls {@link #init} before the first
 * packet, {@link #process} on each packet it owns, {@link #tick} when capture time advances, {@link
 * #endOfCapture} at the end of each capture file and {@link #deinit} at shutdown.
 */
public interface ThreadModule {
  /** The module's name, as in the configuration and in stats.json. */
  String name();

  /** Called once on the thread that runs the module, before any packet. */
  default void init(ThreadContext thread) {}

  /** Handles one packet; false stops the packet here (later modules do not see it). */
  boolean process(Packet p);

  /** Capture time advanced to {@code nowNanos} (drives time-based work such as flow timeouts). */
  default void tick(long nowNanos) {}

  /** The current capture file ended: everything per capture is flushed and forgotten. */
  default void endOfCapture() {}

  /** Called once on the module's thread after its last packet. */
  default void deinit() {}

  /** The module's counters for stats.json (read after the thread stopped or between captures). */
  default Map<String, Object> counters() {
    return Map.of();
  }
}
