package org.vigil.output;

import java.util.List;
import java.util.Map;
import org.vigil.app.AppRecord;

/**
 * An alert, with everything Suricata's EVE alert record carries that Vigil fills.
 *
 * @param header shared EVE fields
 * @param action "allowed" or "blocked"
 * @param gid generator id (1 for rules)
 * @param signatureId sid
 * @param rev rule revision
 * @param signature the rule's msg
 * @param category classification description from classification.config, or null
 * @param severity priority (1 highest)
 * @param appProto app-layer protocol name ("http"), or null
 * @param app the record of the transaction the alert was raised on (written as EVE's {@code
 *     alert.<event type>} object beside {@code alert}, e.g. {@code http}), or null
 * @param txId the number of that transaction in its flow (EVE {@code tx_id}), or null
 * @param flow the alert's flow (EVE {@code flow} object), or null for a packet without one
 * @param metadata the rule's {@code metadata:} values by key (EVE {@code alert.metadata}), empty
 *     when none
 * @param payload the payload, frame and HTTP bodies the EVE alert options may log, or null
 * @param files the files of the alert's transaction so far (EVE {@code files}), empty when none
 */
public record AlertEvent(
    EventHeader header,
    String action,
    int gid,
    long signatureId,
    int rev,
    String signature,
    String category,
    int severity,
    String appProto,
    AppRecord app,
    Long txId,
    AlertFlow flow,
    Map<String, List<String>> metadata,
    AlertPayload payload,
    List<org.vigil.app.AppFile> files)
    implements OutputEvent {

  /** An alert without files. */
  public AlertEvent(
      EventHeader header,
      String action,
      int gid,
      long signatureId,
      int rev,
      String signature,
      String category,
      int severity,
      String appProto,
      AppRecord app,
      Long txId,
      AlertFlow flow,
      Map<String, List<String>> metadata,
      AlertPayload payload) {
    this(
        header,
        action,
        gid,
        signatureId,
        rev,
        signature,
        category,
        severity,
        appProto,
        app,
        txId,
        flow,
        metadata,
        payload,
        List.of());
  }

  /** Suricata's action for an alert that let the packet through. */
  public static final String ALLOWED = "allowed";

  /** Suricata's action for an alert whose packet was dropped. */
  public static final String BLOCKED = "blocked";

  /** An alert without payload. */
  public AlertEvent(
      EventHeader header,
      String action,
      int gid,
      long signatureId,
      int rev,
      String signature,
      String category,
      int severity,
      String appProto,
      AppRecord app,
      Long txId,
      AlertFlow flow,
      Map<String, List<String>> metadata) {
    this(
        header,
        action,
        gid,
        signatureId,
        rev,
        signature,
        category,
        severity,
        appProto,
        app,
        txId,
        flow,
        metadata,
        null);
  }

  /** The same alert with {@code payload}. */
  public AlertEvent withPayload(AlertPayload payload) {
    return new AlertEvent(
        header,
        action,
        gid,
        signatureId,
        rev,
        signature,
        category,
        severity,
        appProto,
        app,
        txId,
        flow,
        metadata,
        payload,
        files);
  }

  /** The same alert with the files of its transaction. */
  public AlertEvent withFiles(List<org.vigil.app.AppFile> files) {
    return new AlertEvent(
        header,
        action,
        gid,
        signatureId,
        rev,
        signature,
        category,
        severity,
        appProto,
        app,
        txId,
        flow,
        metadata,
        payload,
        files);
  }

  /** An alert without rule metadata. */
  public AlertEvent(
      EventHeader header,
      String action,
      int gid,
      long signatureId,
      int rev,
      String signature,
      String category,
      int severity,
      String appProto,
      AppRecord app,
      Long txId,
      AlertFlow flow) {
    this(
        header,
        action,
        gid,
        signatureId,
        rev,
        signature,
        category,
        severity,
        appProto,
        app,
        txId,
        flow,
        Map.of());
  }

  /** An alert without transaction number and flow. */
  public AlertEvent(
      EventHeader header,
      String action,
      int gid,
      long signatureId,
      int rev,
      String signature,
      String category,
      int severity,
      String appProto,
      AppRecord app) {
    this(
        header,
        action,
        gid,
        signatureId,
        rev,
        signature,
        category,
        severity,
        appProto,
        app,
        null,
        null);
  }

  /** Checks the action and the required fields. */
  public AlertEvent {
    if (header == null) {
      throw new IllegalArgumentException("header is required");
    }
    if (!ALLOWED.equals(action) && !BLOCKED.equals(action)) {
      throw new IllegalArgumentException("action must be allowed or blocked, not " + action);
    }
    if (signature == null) {
      signature = "";
    }
    if (metadata == null) {
      metadata = Map.of();
    }
    files = files == null ? List.of() : List.copyOf(files);
  }

  @Override
  public String eventType() {
    return "alert";
  }
}
