package org.vigil.output;

import org.vigil.app.AppRecord;

/**
 * A completed app-layer transaction's log record (EVE {@code event_type} of its record: {@code
 * http}, {@code tls}, …): the shared header, the transaction's number and the protocol's record.
 *
 * @param header shared EVE fields (addresses as the client sent the request)
 * @param txId transaction number in its flow (EVE {@code tx_id})
 * @param record the transaction's fields, written inside the object its event type names
 */
public record AppEvent(EventHeader header, long txId, AppRecord record) implements OutputEvent {

  /** Checks the required parts. */
  public AppEvent {
    if (header == null || record == null) {
      throw new IllegalArgumentException("header and record are required");
    }
  }

  @Override
  public String eventType() {
    return record.eventType();
  }
}
