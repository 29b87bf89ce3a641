package org.vigil.inspect;

import org.vigil.output.AppEvent;

/**
 * Receives each completed app-layer transaction as its log record (whatever its protocol: the
 * record's event type says which).
 */
@FunctionalInterface
public interface TransactionLog {
  /** A transaction completed; the record's addresses are oriented client to server. */
  void transaction(AppEvent event);
}
