package org.vigil.output;

/**
 * An anomaly record (EVE {@code event_type: anomaly}): a decoder event of a packet, a stream event
 * of a TCP segment, or an app-layer parser event of a transaction, with Suricata's event names.
 *
 * @param header shared EVE fields (addresses as the packet that raised it)
 * @param type {@code decode}, {@code stream} or {@code applayer}
 * @param event the event's name: {@code decoder.ipv4.trunc_pkt}, {@code stream.pkt_invalid_ack}, or
 *     for the app layer its parser's name ({@code REQUEST_FIELD_MISSING_COLON})
 * @param appProto the flow's app-layer protocol (EVE {@code anomaly.app_proto}; app-layer events
 *     only), or null
 * @param layer where an app-layer event was raised ({@code proto_parser}, {@code proto_detect},
 *     {@code parser}), or null
 * @param txId the transaction an app-layer parser event belongs to (EVE {@code tx_id}), or null
 */
public record AnomalyEvent(
    EventHeader header, String type, String event, String appProto, String layer, Long txId)
    implements OutputEvent {
  /** The type of a decoder event. */
  public static final String DECODE = "decode";

  /** The type of a stream event. */
  public static final String STREAM = "stream";

  /** The type of an app-layer event. */
  public static final String APPLAYER = "applayer";

  /** Checks the required parts. */
  public AnomalyEvent {
    if (header == null || event == null) {
      throw new IllegalArgumentException("header and event are required");
    }
    if (!DECODE.equals(type) && !STREAM.equals(type) && !APPLAYER.equals(type)) {
      throw new IllegalArgumentException("type must be decode, stream or applayer, not " + type);
    }
  }

  /** An app-layer parser event of transaction {@code txId} on a flow of protocol {@code proto}. */
  public static AnomalyEvent transaction(EventHeader h, String proto, String event, long txId) {
    return new AnomalyEvent(h, APPLAYER, event, proto, "proto_parser", txId);
  }

  @Override
  public String eventType() {
    return "anomaly";
  }
}
