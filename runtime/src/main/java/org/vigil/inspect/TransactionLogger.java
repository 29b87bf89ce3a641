package org.vigil.inspect;

import org.vigil.app.AppFile;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.output.AnomalyEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.EventHeader;
import org.vigil.output.FileEvent;

/**
 * Logs completed transactions as EVE app records, oriented client to server; with each its files
 * (fileinfo, oriented in the file's direction) and its parser events (anomaly, as the packet).
 */
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
    String proto = record.eventType();
    java.util.List<String> anomalies = tx.anomalies();
    if (!anomalies.isEmpty()) {
      EventHeader asPacket = EventHeaders.header(ctx, current);
      for (String a : anomalies) {
        log.record(AnomalyEvent.transaction(asPacket, proto, a, tx.id()));
      }
    }
    log.transaction(new AppEvent(oriented(true, current), tx.id(), record));
    for (AppFile f : tx.files()) {
      log.record(
          new FileEvent(
              oriented(f.toServer(), current),
              record.appProto(),
              record.inFileRecords() ? record : null,
              tx.id(),
              f.filename(),
              f.gaps(),
              f.state(),
              f.md5(),
              f.sha1(),
              f.sha256(),
              f.size()));
    }
  }

  /**
   * Logs Suricata's protocol detection event {@code event} of a flow of protocol {@code proto} as
   * an EVE anomaly record of layer {@code proto_detect}, addressed as {@code current} (nothing
   * without a log or a packet).
   */
  void detectionEvent(String proto, String event, Packet current) {
    if (log != null && current != null) {
      EventHeader h = EventHeaders.header(ctx, current);
      log.record(new AnomalyEvent(h, AnomalyEvent.APPLAYER, event, proto, "proto_detect", null));
    }
  }

  /** The header of {@code current} oriented as data sent in direction {@code toServer}. */
  private EventHeader oriented(boolean toServer, Packet current) {
    int flags = ctx.flowFlags;
    boolean swapped = Endpoints.orient(ctx, toServer);
    EventHeader h = EventHeaders.header(ctx, current);
    ctx.flowFlags = flags;
    if (swapped) {
      Endpoints.swap(ctx);
    }
    return h;
  }
}
