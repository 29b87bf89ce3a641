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
    Map<String, List<String>> metadata)
    implements OutputEvent {

  /** Suricata's action for an alert that let the packet through. */
  public static final String ALLOWED = "allowed";

  /** Suricata's action for an alert whose packet was dropped. */
  public static final String BLOCKED = "blocked";

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
  }

  @Override
  public String eventType() {
    return "alert";
  }
}
