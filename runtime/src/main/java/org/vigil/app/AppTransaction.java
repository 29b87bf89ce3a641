package org.vigil.app;

/**
 * A transaction an app layer reports with its units: its number, its log record (what its EVE
 * record and the alerts on it print) and which alerts it has already had.
 */
public interface AppTransaction {
  /** Its number in the flow (EVE {@code tx_id}). */
  long id();

  /**
   * The transaction's loggable record as it stands now (made on each call: a transaction still
   * being parsed gives what it has so far).
   */
  AppRecord appRecord();

  /** True the first time an alert of {@code rule} on this transaction is offered. */
  boolean firstAlert(int rule);

  /**
   * The app-layer parser events raised on this transaction, by the names Suricata's EVE anomaly
   * records give them ({@code REQUEST_FIELD_MISSING_COLON}); logged with the transaction. Default:
   * none.
   */
  default java.util.List<String> anomalies() {
    return java.util.List.of();
  }

  /**
   * The files this transaction carried (EVE fileinfo records, logged with the transaction).
   * Default: none.
   */
  default java.util.List<AppFile> files() {
    return java.util.List.of();
  }

  /**
   * The body of direction {@code toServer} kept for inspection (the alert option {@code
   * http-body}), or null. Default: none.
   */
  default byte[] body(boolean toServer) {
    return null;
  }
}
