package org.vigil.output;

/**
 * One record the outputs write: alert, http, flow or drop, each with its EVE {@code event_type}.
 */
public sealed interface OutputEvent permits AlertEvent, HttpEvent, FlowEvent, DropEvent {
  /** The shared EVE fields. */
  EventHeader header();

  /** EVE's {@code event_type} of this record. */
  String eventType();
}
