package org.vigil.output;

/**
 * A dropped packet record (EVE {@code event_type: drop}), written in inline mode.
 *
 * @param header shared EVE fields
 * @param len IP packet length
 * @param tos IP TOS / traffic class
 * @param ttl IP TTL / hop limit
 * @param ipId IPv4 id (0 for IPv6)
 * @param reason why: "rules", "stream error", "decode error", …
 * @param alert the alert that caused the drop, or null
 */
public record DropEvent(
    EventHeader header, int len, int tos, int ttl, int ipId, String reason, AlertEvent alert)
    implements OutputEvent {

  /** Checks the required parts. */
  public DropEvent {
    if (header == null || reason == null) {
      throw new IllegalArgumentException("header and reason are required");
    }
  }

  @Override
  public String eventType() {
    return "drop";
  }
}
