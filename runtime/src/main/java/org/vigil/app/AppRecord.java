package org.vigil.app;

/**
 * A transaction's loggable record, made by its app layer: the EVE {@code event_type} it is logged
 * under ("http", "tls", "ssh", "dns", …), which is also the name of the object alerts on the
 * transaction carry it in ({@code alert.http{}} style: {@code "http": {…}} beside {@code "alert"}),
 * and its fields, written through a {@link RecordWriter} so that app layers never import output
 * code.
 *
 * <p>A new protocol gets its EVE records by implementing this interface (usually as a record of its
 * parsed fields) and returning it from {@link AppTransaction#appRecord()}; the inspector logs it
 * when the layer reports the transaction complete ({@link AppControl#logTransaction}), and alerts
 * raised on the transaction carry it. Nothing outside the protocol's package names the protocol:
 * the outputs write the common EVE header ({@code timestamp}, {@code flow_id}, addresses, {@code
 * tx_id}, …) and then call {@link #writeFields} inside the {@link #eventType()} object.
 */
public interface AppRecord {
  /**
   * The EVE {@code event_type} of the transaction records, and the key of the object holding the
   * fields: lower case, as Suricata names the protocol ("http").
   */
  String eventType();

  /**
   * Writes the record's fields (not the enclosing object: the writer has opened it) in EVE order; a
   * null value is left out by the writer, so optional fields need no test here.
   */
  void writeFields(RecordWriter out);

  /**
   * The text of one field by its EVE path ({@code http.http_user_agent} style, the event type
   * first), for the output pipes that stream a field; null when this record has no such field or it
   * was not seen. Default: none.
   */
  default String field(String path) {
    return null;
  }

  /**
   * The flow's app-layer protocol as the record's fileinfo records write it ({@code app_proto}).
   * Default: the event type.
   */
  default String appProto() {
    return eventType();
  }

  /**
   * Null (default) when the transaction record's addresses are oriented client to server; else the
   * direction of the data that completed the record (true: to the server), and the record is
   * addressed as the packet whose processing completed it, as Suricata's loggers that address
   * records as the packet (rdp) do — at the flow's end, as data sent in that direction.
   */
  default Boolean packetDirection() {
    return null;
  }

  /**
   * True when the transaction record's header carries the transaction's number (EVE {@code tx_id});
   * Suricata's rdp records carry it inside their object only. Default: true.
   */
  default boolean headerTxId() {
    return true;
  }

  /**
   * True when the fileinfo records of the transaction carry this record's object beside the {@code
   * fileinfo} one (Suricata writes {@code http}, {@code smtp}, {@code smb}, not {@code ftp_data}).
   * Default: true.
   */
  default boolean inFileRecords() {
    return true;
  }
}
