package org.vigil.inspect;

import org.vigil.output.HttpEvent;

/** Receives each completed app-layer transaction as its EVE record (http today). */
@FunctionalInterface
public interface TransactionLog {
  /** A transaction completed; the record's addresses are oriented client to server. */
  void http(HttpEvent event);
}
