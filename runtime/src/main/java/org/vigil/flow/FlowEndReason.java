package org.vigil.flow;

/**
 * Why a flow left the table: its timeout passed, it was evicted under the memory cap, or the
 * capture ended.
 */
public enum FlowEndReason {
  TIMEOUT("timeout"),
  EVICTED("forced"),
  END_OF_CAPTURE("shutdown");

  private final String eveName;

  FlowEndReason(String eveName) {
    this.eveName = eveName;
  }

  /** Suricata's EVE flow "reason" value (timeout, forced, shutdown). */
  public String eveName() {
    return eveName;
  }
}
