package org.vigil.output;

/**
 * An end-of-flow record (EVE {@code event_type: flow}); the header holds the flow's first packet's
 * addresses (client to server).
 *
 * @param header shared EVE fields; its timestamp is the time the flow record is written
 * @param appProto app-layer protocol ("http"), or null ("failed" is Suricata's word for unknown)
 * @param pktsToServer packets client to server
 * @param pktsToClient packets server to client
 * @param bytesToServer bytes client to server
 * @param bytesToClient bytes server to client
 * @param startNanos first packet time
 * @param endNanos last packet time
 * @param state "new", "established" or "closed"
 * @param reason "timeout", "forced" or "shutdown"
 * @param alerted true when an alert was raised on the flow
 * @param details the fields only some flows carry ({@link FlowDetails#NONE}: none)
 */
public record FlowEvent(
    EventHeader header,
    String appProto,
    long pktsToServer,
    long pktsToClient,
    long bytesToServer,
    long bytesToClient,
    long startNanos,
    long endNanos,
    String state,
    String reason,
    boolean alerted,
    FlowDetails details)
    implements OutputEvent {

  /** Checks the required parts. */
  public FlowEvent {
    if (header == null || state == null || reason == null || details == null) {
      throw new IllegalArgumentException("header, state, reason and details are required");
    }
  }

  /** The same record with {@code alerted}. */
  public FlowEvent withAlerted(boolean alerted) {
    return new FlowEvent(
        header,
        appProto,
        pktsToServer,
        pktsToClient,
        bytesToServer,
        bytesToClient,
        startNanos,
        endNanos,
        state,
        reason,
        alerted,
        details);
  }

  /** The same record with {@code details}. */
  public FlowEvent withDetails(FlowDetails details) {
    return new FlowEvent(
        header,
        appProto,
        pktsToServer,
        pktsToClient,
        bytesToServer,
        bytesToClient,
        startNanos,
        endNanos,
        state,
        reason,
        alerted,
        details);
  }

  /** Age in whole seconds, as EVE prints it. */
  public long ageSeconds() {
    return Math.max(0, (endNanos / 1_000_000_000L) - (startNanos / 1_000_000_000L));
  }

  @Override
  public String eventType() {
    return "flow";
  }
}
