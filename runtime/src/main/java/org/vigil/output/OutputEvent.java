package org.vigil.output;

/**
 * One record the outputs write: alert, an app-layer transaction's record, flow, drop, anomaly or
 * fileinfo, each with its EVE {@code event_type}.
 */
public sealed interface OutputEvent
    permits AlertEvent, AppEvent, FlowEvent, DropEvent, AnomalyEvent, FileEvent {
  /** The shared EVE fields. */
  EventHeader header();

  /** EVE's {@code event_type} of this record. */
  String eventType();

  /** {@code e} with header {@code h} in place of its own. */
  static OutputEvent withHeader(OutputEvent e, EventHeader h) {
    return switch (e) {
      case AlertEvent a ->
          new AlertEvent(
              h,
              a.action(),
              a.gid(),
              a.signatureId(),
              a.rev(),
              a.signature(),
              a.category(),
              a.severity(),
              a.appProto(),
              a.app(),
              a.txId(),
              a.flow(),
              a.metadata(),
              a.payload(),
              a.files(),
              a.more());
      case AppEvent t -> new AppEvent(h, t.txId(), t.record());
      case FlowEvent f ->
          new FlowEvent(
              h,
              f.appProto(),
              f.pktsToServer(),
              f.pktsToClient(),
              f.bytesToServer(),
              f.bytesToClient(),
              f.startNanos(),
              f.endNanos(),
              f.state(),
              f.reason(),
              f.alerted(),
              f.details());
      case FileEvent f ->
          new FileEvent(
              h,
              f.appProto(),
              f.app(),
              f.txId(),
              f.filename(),
              f.gaps(),
              f.state(),
              f.md5(),
              f.sha1(),
              f.sha256(),
              f.size());
      case AnomalyEvent a ->
          new AnomalyEvent(h, a.type(), a.event(), a.appProto(), a.layer(), a.txId());
      case DropEvent d ->
          new DropEvent(h, d.len(), d.tos(), d.ttl(), d.ipId(), d.reason(), d.alert(), d.details());
    };
  }
}
