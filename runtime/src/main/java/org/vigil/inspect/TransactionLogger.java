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
 * Records made while a packet is processed are handed out once its detection is done, with the
 * flow's variables as they are then (as Suricata logs transactions after detection: their {@code
 * metadata.flowbits} include the bits the packet's rules set).
 */
final class TransactionLogger {
  private final InspectionContext ctx;
  private TransactionLog log;

  /** The records held until the packet being processed is done (null: none held). */
  private java.util.List<org.vigil.output.OutputEvent> held;

  /** True while a packet is processed: records are held until {@link #packetDone}. */
  private boolean holding;

  TransactionLogger(InspectionContext ctx) {
    this.ctx = ctx;
  }

  void setLog(TransactionLog log) {
    this.log = log;
  }

  /** A packet's processing starts: records are held until {@link #packetDone}. */
  void packetStarts() {
    packetDone(0); // what an interrupted packet left, as it was
    holding = true;
  }

  /**
   * The detection of the packet of flow {@code flowId} (0: none) is done: the records held are
   * handed out, those of that flow with its variables as they are now ({@code ctx}'s flowbits).
   */
  void packetDone(long flowId) {
    holding = false;
    if (held != null) {
      release(flowId);
    }
  }

  /**
   * Hands out the records held (few packets have any: kept out of the per-packet path so the
   * compiler does not inline the record writers into it).
   */
  private void release(long flowId) {
    if (held.isEmpty()) {
      return;
    }
    org.vigil.output.FlowVars vars =
        ctx.flowbits == null
            ? null
            : org.vigil.output.FlowVars.of(ctx.flowbits.setNames(), ctx.flowbits.flowints());
    java.util.List<org.vigil.output.OutputEvent> out = held;
    held = null;
    for (org.vigil.output.OutputEvent e : out) {
      EventHeader h = e.header();
      if (flowId != 0 && h.flowId() == flowId && !sameVars(h.vars(), vars)) {
        e = org.vigil.output.OutputEvent.withHeader(e, h.withExtras(h.vlan(), vars));
      }
      if (e instanceof AppEvent t) {
        log.transaction(t);
      } else {
        log.record(e);
      }
    }
  }

  /** Null-safe equality, testing null first (equals(null) on a record traps in compiled code). */
  private static boolean sameVars(org.vigil.output.FlowVars a, org.vigil.output.FlowVars b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(b);
  }

  private void emit(org.vigil.output.OutputEvent e) {
    if (holding) {
      if (held == null) {
        held = new java.util.ArrayList<>(4);
      }
      held.add(e);
    } else if (e instanceof AppEvent t) {
      log.transaction(t);
    } else {
      log.record(e);
    }
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
        emit(AnomalyEvent.transaction(asPacket, proto, a, tx.id()));
      }
    }
    Boolean direction = record.packetDirection();
    EventHeader h =
        direction == null
            ? oriented(true, current)
            : current.isPseudo() ? oriented(direction, current) : EventHeaders.header(ctx, current);
    emit(new AppEvent(h, tx.id(), record));
    for (AppFile f : tx.files()) {
      emit(
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
   * Logs parser events {@code events} of transaction {@code txId} of a flow of protocol {@code
   * proto} as EVE anomaly records addressed as {@code current} (nothing without a log or a packet).
   */
  void events(long txId, String proto, java.util.List<String> events, Packet current) {
    if (log != null && current != null && !events.isEmpty()) {
      EventHeader asPacket = EventHeaders.header(ctx, current);
      for (String a : events) {
        emit(AnomalyEvent.transaction(asPacket, proto, a, txId));
      }
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
      emit(new AnomalyEvent(h, AnomalyEvent.APPLAYER, event, proto, "proto_detect", null));
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
