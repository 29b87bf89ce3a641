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
 * @param details the IPv6 and transport header fields, or null (IPv4 fields only)
 */
public record DropEvent(
    EventHeader header,
    int len,
    int tos,
    int ttl,
    int ipId,
    String reason,
    AlertEvent alert,
    DropDetails details)
    implements OutputEvent {

  /** A drop record with the IPv4 fields only. */
  public DropEvent(
      EventHeader header, int len, int tos, int ttl, int ipId, String reason, AlertEvent alert) {
    this(header, len, tos, ttl, ipId, reason, alert, null);
  }

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
