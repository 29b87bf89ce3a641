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
 * @param more the fields EVE writes only for some alerts (tunnel, target, per-direction protocols,
 *     a guessed transaction); {@link AlertExtras#NONE} when none applies
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
    List<org.vigil.app.AppFile> files,
    AlertExtras more)
    implements OutputEvent {

  /** Suricata's action for an alert that let the packet through. */
  public static final String ALLOWED = "allowed";

  /** Suricata's action for an alert whose packet was dropped. */
  public static final String BLOCKED = "blocked";

  /**
   * A builder of an alert on {@code header}: action allowed, gid 1, no app record, transaction,
   * flow, metadata, payload or files until set.
   */
  public static Builder builder(EventHeader header) {
    return new Builder(header);
  }

  /** A builder that starts from this alert's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(header);
    b.action = action;
    b.gid = gid;
    b.signatureId = signatureId;
    b.rev = rev;
    b.signature = signature;
    b.category = category;
    b.severity = severity;
    b.appProto = appProto;
    b.app = app;
    b.txId = txId;
    b.flow = flow;
    b.metadata = metadata;
    b.payload = payload;
    b.files = files;
    b.more = more;
    return b;
  }

  /** The same alert with {@code payload}. */
  public AlertEvent withPayload(AlertPayload payload) {
    return toBuilder().payload(payload).build();
  }

  /** The same alert with the files of its transaction. */
  public AlertEvent withFiles(List<org.vigil.app.AppFile> files) {
    return toBuilder().files(files).build();
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
    if (more == null) {
      more = AlertExtras.NONE;
    }
  }

  @Override
  public String eventType() {
    return "alert";
  }

  /** Builds an {@link AlertEvent} field by field (see the record's components). */
  public static final class Builder {
    private final EventHeader header;
    private String action = ALLOWED;
    private int gid = 1;
    private long signatureId;
    private int rev;
    private String signature;
    private String category;
    private int severity;
    private String appProto;
    private AppRecord app;
    private Long txId;
    private AlertFlow flow;
    private Map<String, List<String>> metadata = Map.of();
    private AlertPayload payload;
    private List<org.vigil.app.AppFile> files = List.of();
    private AlertExtras more = AlertExtras.NONE;

    private Builder(EventHeader header) {
      this.header = header;
    }

    /** {@link #ALLOWED} or {@link #BLOCKED}. */
    public Builder action(String action) {
      this.action = action;
      return this;
    }

    /** The generator id, sid and revision. */
    public Builder rule(int gid, long signatureId, int rev) {
      this.gid = gid;
      this.signatureId = signatureId;
      this.rev = rev;
      return this;
    }

    /** The rule's msg, its classification's description (or null) and the priority. */
    public Builder signature(String signature, String category, int severity) {
      this.signature = signature;
      this.category = category;
      this.severity = severity;
      return this;
    }

    /** The flow's app-layer protocol and the record of the alert's transaction (either null). */
    public Builder app(String appProto, AppRecord app) {
      this.appProto = appProto;
      this.app = app;
      return this;
    }

    /** The transaction's number in its flow, or null. */
    public Builder txId(Long txId) {
      this.txId = txId;
      return this;
    }

    /** The alert's flow, or null. */
    public Builder flow(AlertFlow flow) {
      this.flow = flow;
      return this;
    }

    /** The rule's metadata by key. */
    public Builder metadata(Map<String, List<String>> metadata) {
      this.metadata = metadata;
      return this;
    }

    /** The bytes the EVE alert options may log, or null. */
    public Builder payload(AlertPayload payload) {
      this.payload = payload;
      return this;
    }

    /** The files of the alert's transaction. */
    public Builder files(List<org.vigil.app.AppFile> files) {
      this.files = files;
      return this;
    }

    /** The fields EVE writes only for some alerts. */
    public Builder more(AlertExtras more) {
      this.more = more;
      return this;
    }

    /** The alert. */
    public AlertEvent build() {
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
          files,
          more);
    }
  }
}
