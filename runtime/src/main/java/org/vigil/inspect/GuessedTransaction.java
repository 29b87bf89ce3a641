package org.vigil.inspect;

import org.vigil.app.AppRecord;

/**
 * The transaction a raw-stream match is attributed to, as Suricata guesses it: its id (-1: none)
 * and the record alerts on it carry (null: none).
 */
public record GuessedTransaction(long id, AppRecord record) {
  /** No transaction: the flow is not TCP or has no app-layer state. */
  public static final GuessedTransaction NONE = new GuessedTransaction(-1, null);
}
