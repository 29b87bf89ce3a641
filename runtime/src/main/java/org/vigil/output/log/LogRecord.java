package org.vigil.output.log;

import java.util.Map;
import org.vigil.output.OutputEvent;

/**
 * One record of the durable log as a reader gets it back: an EVE event (alert, flow, an app-layer
 * transaction, fileinfo, anomaly, drop) or a stats record.
 */
public sealed interface LogRecord {

  /** EVE's {@code event_type} of the record. */
  String eventType();

  /** The record's {@code flow_id}; 0 when it has none (stats, a packet without a flow). */
  long flowId();

  /**
   * An event record.
   *
   * @param event the record as the outputs wrote it (an app record in its stored form)
   */
  record Event(OutputEvent event) implements LogRecord {
    /** Checks the event is there. */
    public Event {
      if (event == null) {
        throw new IllegalArgumentException("event is required");
      }
    }

    @Override
    public String eventType() {
      return event.eventType();
    }

    @Override
    public long flowId() {
      return event.header().flowId();
    }
  }

  /**
   * A stats record.
   *
   * @param timestampNanos when the counters were taken, nanoseconds since the Unix epoch
   * @param uptimeSeconds seconds since the run started
   * @param counters the counter tree (numbers, strings, booleans, nested maps and lists)
   */
  record Stats(long timestampNanos, long uptimeSeconds, Map<String, ?> counters)
      implements LogRecord {
    /** Checks the counters are there. */
    public Stats {
      if (counters == null) {
        throw new IllegalArgumentException("counters are required");
      }
    }

    @Override
    public String eventType() {
      return "stats";
    }

    @Override
    public long flowId() {
      return 0;
    }
  }
}
