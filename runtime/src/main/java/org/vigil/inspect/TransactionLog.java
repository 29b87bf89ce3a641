package org.vigil.inspect;

import org.vigil.output.AppEvent;
import org.vigil.output.OutputEvent;

/**
 * Receives each completed app-layer transaction as its log record (whatever its protocol: the
 * record's event type says which), and the records logged with it: its files (fileinfo) and its
 * parser events (anomaly).
 */
@FunctionalInterface
public interface TransactionLog {
  /** A transaction completed; the record's addresses are oriented client to server. */
  void transaction(AppEvent event);

  /** A fileinfo or anomaly record of a completed transaction. Default: not kept. */
  default void record(OutputEvent event) {}
}
