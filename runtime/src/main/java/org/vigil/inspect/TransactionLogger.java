package org.vigil.inspect;

import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.output.AppEvent;
import org.vigil.output.EventHeader;

/** Logs completed transactions as EVE app records, oriented client to server. */
final class TransactionLogger {
  private final InspectionContext ctx;
  private TransactionLog log;

  TransactionLogger(InspectionContext ctx) {
    this.ctx = ctx;
  }

  void setLog(TransactionLog log) {
    this.log = log;
  }

  /** Logs {@code tx}, attributed to {@code current} (nothing without a log or a packet). */
  void log(AppTransaction tx, Packet current) {
    if (log == null || current == null) {
      return;
    }
    AppRecord record = tx.appRecord();
    if (record == null) {
      return;
    }
    int flags = ctx.flowFlags;
    boolean swapped = Endpoints.orient(ctx, true);
    EventHeader h = EventHeaders.header(ctx, current);
    ctx.flowFlags = flags;
    if (swapped) {
      Endpoints.swap(ctx);
    }
    log.transaction(new AppEvent(h, tx.id(), record));
  }
}
