package org.vigil.output;

import org.vigil.app.AppRecord;

/**
 * A file seen in an app-layer transaction (EVE {@code event_type: fileinfo}): an HTTP body, with
 * the transaction's record beside it as Suricata writes it.
 *
 * @param header shared EVE fields, oriented in the file's direction (a response's file goes from
 *     the server to the client)
 * @param appProto the flow's app-layer protocol ({@code app_proto})
 * @param app the transaction's record (EVE's {@code http} object), or null
 * @param txId the transaction's number ({@code fileinfo.tx_id})
 * @param filename {@code fileinfo.filename}
 * @param gaps {@code fileinfo.gaps}: part of the file was lost
 * @param state {@code CLOSED}, {@code TRUNCATED} or {@code ERROR}
 * @param md5 lower-case hex digest when configured ({@code force-hash}), or null
 * @param sha1 as {@code md5}
 * @param sha256 as {@code md5}
 * @param size bytes of the file seen
 */
public record FileEvent(
    EventHeader header,
    String appProto,
    AppRecord app,
    long txId,
    String filename,
    boolean gaps,
    String state,
    String md5,
    String sha1,
    String sha256,
    long size)
    implements OutputEvent {

  /** Checks the required parts. */
  public FileEvent {
    if (header == null || filename == null || state == null) {
      throw new IllegalArgumentException("header, filename and state are required");
    }
  }

  @Override
  public String eventType() {
    return "fileinfo";
  }
}
