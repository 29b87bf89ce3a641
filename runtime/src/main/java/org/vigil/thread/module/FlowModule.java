package org.vigil.thread.module;

import java.util.Map;
import org.vigil.decode.Packet;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowEndReason;
import org.vigil.flow.FlowTable;

/**
 * Flow tracking for one thread: its own flow table (the packets of a flow always reach the same
 * thread), flow timeouts driven by capture time ticks, every flow ended at the end of a capture.
 */
public final class FlowModule implements ThreadModule {
  private final FlowConfig config;
  private FlowTable table;

  /** Flow tracking with {@code config}'s hash size, timeouts and memory cap. */
  public FlowModule(FlowConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "flow";
  }

  @Override
  public void init(ThreadContext thread) {
    table = new FlowTable(config, thread.stats().flows, thread);
  }

  @Override
  public boolean process(Packet p) {
    if (!p.isFragment()) {
      table.handle(p);
    }
    return true;
  }

  @Override
  public void tick(long nowNanos) {
    table.tick(nowNanos);
  }

  @Override
  public void endOfCapture() {
    table.flushAll(FlowEndReason.END_OF_CAPTURE);
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
