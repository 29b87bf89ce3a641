package org.vigil.output.stats;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vigil.output.EventSink;

/**
 * Decides when stats are written and writes them to its sinks (stats.json and, when enabled,
 * eve.json): every {@code interval} of wall-clock time while a run goes on, and once at the end.
 * The counters come from the other stages as a tree: a map whose values are numbers or nested maps
 * ({@code {"decoder": {"pkts": 10, "ipv4": 9}, "flow": {...}}}). Single-threaded: the run loop
 * calls {@link #tick} between packets.
 */
public final class StatsWriter {
  private final List<EventSink> sinks;
  private final long intervalNanos;
  private final long startNanos;
  private long nextDue;
  private long written;

  /**
   * Writes to {@code sinks} every {@code intervalSeconds} (0 = only at the end), counting uptime
   * from {@code startNanos} ({@link System#nanoTime()} at the start of the run).
   */
  public StatsWriter(List<EventSink> sinks, long intervalSeconds, long startNanos) {
    if (intervalSeconds < 0) {
      throw new IllegalArgumentException("stats interval must be >= 0");
    }
    this.sinks = List.copyOf(sinks);
    this.intervalNanos = intervalSeconds * 1_000_000_000L;
    this.startNanos = startNanos;
    this.nextDue = intervalNanos == 0 ? Long.MAX_VALUE : startNanos + intervalNanos;
  }

  /**
   * Writes a stats record if the interval has passed at {@code nowNanos} (a {@link
   * System#nanoTime()} reading); {@code counters} is only called then. Returns true when it wrote.
   */
  public boolean tick(long nowNanos, Supplier<? extends Map<String, ?>> counters)
      throws IOException {
    if (nowNanos - nextDue < 0) {
      return false;
    }
    while (nowNanos - nextDue >= 0) {
      nextDue += intervalNanos;
    }
    write(nowNanos, counters.get());
    return true;
  }

  /** Writes the final stats record (call once, at the end of the run) and flushes. */
  public void writeFinal(long nowNanos, Map<String, ?> counters) throws IOException {
    write(nowNanos, counters);
  }

  /** Stats records written. */
  public long written() {
    return written;
  }

  private void write(long nowNanos, Map<String, ?> counters) throws IOException {
    long uptime = Math.max(0, (nowNanos - startNanos) / 1_000_000_000L);
    long wallNanos = System.currentTimeMillis() * 1_000_000L;
    for (EventSink s : sinks) {
      s.stats(wallNanos, uptime, counters);
      s.flush();
    }
    written++;
  }
}
