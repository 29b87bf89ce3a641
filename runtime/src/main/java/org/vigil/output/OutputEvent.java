package org.vigil.output;

/**
 * One record the outputs write: alert, an app-layer transaction's record, flow, drop, anomaly or
 * fileinfo, each with its EVE {@code event_type}.
 */
public sealed interface OutputEvent
    permits AlertEvent, AppEvent, FlowEvent, DropEvent, AnomalyEvent, FileEvent {
  /** The shared EVE fields. */
  EventHeader header();

  /** EVE's {@code event_type} of this record. */
  String eventType();
}
