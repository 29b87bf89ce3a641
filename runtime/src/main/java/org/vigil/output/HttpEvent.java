package org.vigil.output;

/**
 * An HTTP transaction log record (EVE {@code event_type: http}).
 *
 * @param header shared EVE fields (addresses as the client sent the request)
 * @param txId transaction number in its flow (EVE {@code tx_id})
 * @param http the transaction's metadata
 */
public record HttpEvent(EventHeader header, long txId, HttpInfo http) implements OutputEvent {

  /** Checks the required parts. */
  public HttpEvent {
    if (header == null || http == null) {
      throw new IllegalArgumentException("header and http are required");
    }
  }

  @Override
  public String eventType() {
    return "http";
  }
}
