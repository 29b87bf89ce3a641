package org.vigil.app;

/**
 * A transaction an app layer reports with its units: what alerts on it and its log record print.
 * The record is opaque here (the app contract imports no output); the protocol's adapter makes it.
 */
public interface AppTransaction {
  /** Its number in the flow (EVE {@code tx_id}). */
  long id();

  /**
   * The transaction's EVE metadata record (an {@code org.vigil.output} record), made on each call.
   */
  Object eveRecord();

  /** True the first time an alert of {@code rule} on this transaction is offered. */
  boolean firstAlert(int rule);
}
