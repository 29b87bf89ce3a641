package org.vigil.output.log;

import java.util.Map;
import org.vigil.output.AlertEvent;
import org.vigil.output.AnomalyEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.EveJsonWriter.Type;
import org.vigil.output.EveOptions;
import org.vigil.output.EveTypes;
import org.vigil.output.EventSink;
import org.vigil.output.FileEvent;
import org.vigil.output.FlowEvent;
import org.vigil.output.OutputEvent;

/**
 * Puts the records of the log's configured types beyond alerts (flow, app transactions, fileinfo,
 * anomaly, drop, stats) into the durable log, ahead of the other outputs, so a shipper ships them
 * as it ships alerts. Alerts are not written here: the outputs append every alert to the log first.
 * Called by the thread that owns the log's outputs.
 */
public final class RecordLogSink implements EventSink {
  private final AlertLog log;
  private final EveTypes types;
  private final EveOptions options;

  /** Writes the records {@code types} selects into {@code log} (which stays open after close). */
  public RecordLogSink(AlertLog log, EveTypes types) {
    this.log = log;
    this.types = types;
    this.options = EveOptions.of(types, "outputs.alert-log.types");
  }

  @Override
  public void write(OutputEvent event) {
    boolean logged =
        switch (event) {
          case AlertEvent a -> false;
          case AppEvent t -> types.logsApp(t.eventType());
          case FlowEvent f -> types.logs(Type.FLOW);
          case DropEvent d -> types.logs(Type.DROP);
          case AnomalyEvent a -> types.logs(Type.ANOMALY) && options.logsAnomaly(a.type());
          case FileEvent f -> types.logs(Type.FILES);
        };
    if (logged) {
      log.appendRecord(event);
    }
  }

  @Override
  public void stats(long timestampNanos, long uptimeSeconds, Map<String, ?> counters) {
    if (types.logs(Type.STATS)) {
      log.appendStats(timestampNanos, uptimeSeconds, counters);
    }
  }

  @Override
  public void flush() {}

  /** The log is the outputs' to close. */
  @Override
  public void close() {}
}
