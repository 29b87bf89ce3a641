package org.vigil.thread.module;

import java.util.Map;
import org.vigil.decode.Packet;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowEndReason;
import org.vigil.flow.FlowTable;
import org.vigil.memory.Memcap;

/**
 * Flow tracking for one thread: its own flow table (the packets of a flow always reach the same
 * thread), flow timeouts driven by capture time ticks, every flow ended at the end of a capture.
 */
public final class FlowModule implements ThreadModule {
  private final FlowConfig config;
  private final Memcap memory;
  private final int tables;
  private FlowTable table;
  private ThreadContext thread;
  private org.vigil.flow.FlushOrder flushes;

  /** Flow tracking with {@code config}'s hash size, timeouts and memory cap (this thread's own). */
  public FlowModule(FlowConfig config) {
    this(config, new Memcap(config.memcapBytes()), 1);
  }

  /**
   * Flow tracking with {@code config}'s hash size and timeouts, drawing on {@code memory} shared
   * with the other {@code tables - 1} flow threads of the run.
   */
  public FlowModule(FlowConfig config, Memcap memory, int tables) {
    this.config = config;
    this.memory = memory;
    this.tables = tables;
  }

  @Override
  public String name() {
    return "flow";
  }

  @Override
  public void init(ThreadContext thread) {
    table = new FlowTable(config, thread.stats().flows, thread, memory, tables);
    this.thread = thread;
  }

  /**
   * At each sweep and capture's end {@code order} hears of each flow before it ends (a worker over
   * captures gives each its place in the single mode's order); call before the capture is read.
   */
  public void orderFlushes(org.vigil.flow.FlushOrder order) {
    this.flushes = order;
  }

  @Override
  public boolean process(Packet p) {
    if (!p.isFragment()) {
      table.stamp(thread.order());
      table.handle(p);
    }
    return true;
  }

  /** True when {@code p} is an ICMPv4 error reporting on a flow of this thread's table. */
  public boolean hasQuotedFlow(Packet p) {
    return table != null && table.hasQuotedFlow(p);
  }

  @Override
  public void tick(long nowNanos) {
    table.stamp(thread.order());
    table.tick(nowNanos, flushes);
  }

  @Override
  public void endOfCapture() {
    table.flushAll(FlowEndReason.END_OF_CAPTURE, flushes);
  }

  @Override
  public void deinit() {
    table.flushAll(FlowEndReason.END_OF_CAPTURE);
  }

  @Override
  public Map<String, Object> counters() {
    return Map.of("active", (long) table.size());
  }
}
