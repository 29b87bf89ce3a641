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
}
