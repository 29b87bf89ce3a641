package org.vigil.thread;

import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.config.Classification;
import org.vigil.config.ClassificationConfig;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.flow.Flow;
import org.vigil.output.AlertEvent;
import org.vigil.output.AlertFlow;
import org.vigil.output.AlertPayload;
import org.vigil.output.EventHeader;

/**
 * Turns a rule match into the alert record the outputs write: EVE header, ids, category, severity.
 */
public final class AlertEventMapper {
  /** Suricata's priority for a rule without priority or known classtype. */
  public static final int DEFAULT_PRIORITY = 3;

  private final ClassificationConfig classes;

  /** The alert options that ask for the alert's bytes, or null (none copied). */
  private final org.vigil.output.EveOptions payloads;

  /** A mapper that looks categories and priorities up in {@code classes}. */
  public AlertEventMapper(ClassificationConfig classes) {
    this(classes, null);
  }

  private AlertEventMapper(ClassificationConfig classes, org.vigil.output.EveOptions payloads) {
    this.classes = classes;
    this.payloads = payloads;
  }

  /**
   * This mapper, copying into each alert its payload, frame and HTTP bodies when {@code asked} is
   * not null: the alert options of the outputs that log them, kept with the bytes so a writer
   * rendering the durable log shows what eve.json shows.
   */
  public AlertEventMapper withPayloads(org.vigil.output.EveOptions asked) {
    return java.util.Objects.equals(asked, payloads) ? this : new AlertEventMapper(classes, asked);
  }

  /** The alert record for {@code rule} matching on {@code ctx}, attributed to {@code packet}. */
  public AlertEvent map(RuleMeta rule, InspectionContext ctx, Packet packet, boolean blocked) {
    return map(rule, ctx, packet, blocked, null, null);
  }

  /**
   * As {@link #map(RuleMeta, InspectionContext, Packet, boolean)}, for an alert on app-layer
   * transaction {@code tx} (null: none), whose record and number the alert carries, on a flow whose
   * detected app-layer protocol is {@code appProto} (null: none).
   */
  public AlertEvent map(
      RuleMeta rule,
      InspectionContext ctx,
      Packet packet,
      boolean blocked,
      AppTransaction tx,
      String appProto) {
    AppRecord app = tx == null ? null : tx.appRecord();
    Classification c =
        rule.classtype() == null ? null : classes.lookup(rule.classtype()).orElse(null);
    int severity =
        rule.priority() > 0 ? rule.priority() : c != null ? c.priority() : DEFAULT_PRIORITY;
    AlertEvent.Builder event =
        AlertEvent.builder(header(ctx, packet))
            .action(blocked ? AlertEvent.BLOCKED : AlertEvent.ALLOWED)
            .rule((int) rule.gid(), rule.sid(), (int) rule.rev())
            .signature(rule.msg(), c == null ? null : c.description(), severity)
            .app(appProto != null ? appProto : app == null ? null : app.eventType(), app)
            .txId(tx == null ? null : tx.id())
            .flow(flow(packet.flow()))
            .metadata(rule.metadata())
            .more(extras(rule, packet));
    if (tx != null) {
      // as Suricata: the transaction's files in the direction of the alert's packet
      boolean toServer = (ctx.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0;
      event.files(filesOf(tx, toServer));
    }
    if (payloads != null) {
      event.payload(payload(ctx, packet, tx, payloads));
    }
    return event.build();
  }

  /**
   * The files of {@code tx} sent in direction {@code toServer}, in order (a plain loop: a stream
   * here would inline its whole pipeline into every per-alert compilation).
   */
  private static java.util.List<org.vigil.app.AppFile> filesOf(
      AppTransaction tx, boolean toServer) {
    java.util.List<org.vigil.app.AppFile> all = tx.files();
    if (all.isEmpty()) {
      return java.util.List.of();
    }
    java.util.List<org.vigil.app.AppFile> out = new java.util.ArrayList<>(all.size());
    for (org.vigil.app.AppFile f : all) {
      if (f.toServer() == toServer) {
        out.add(f);
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /**
   * {@code event} with the protocols detected per direction where they are not the flow's (EVE
   * {@code app_proto_ts}, {@code app_proto_tc}; null: none).
   */
  public static AlertEvent withDirectionProtocols(AlertEvent event, String ts, String tc) {
    if (ts == null && tc == null) {
      return event;
    }
    org.vigil.output.AlertExtras m = event.more();
    return event.toBuilder()
        .more(new org.vigil.output.AlertExtras(m.tunnel(), m.target(), ts, tc, m.txGuessed()))
        .build();
  }

  /**
   * {@code event}, a match outside any app-layer transaction, attributed as Suricata 7 guesses it:
   * to transaction {@code txId} (the flow's inspect id in the packet's direction), marked guessed
   * (EVE {@code tx_guessed}); unchanged when {@code txId} is negative (no app-layer state).
   */
  public static AlertEvent withGuessedTransaction(AlertEvent event, long txId) {
    return withGuessedTransaction(event, txId, null);
  }

  /**
   * As {@link #withGuessedTransaction(AlertEvent, long)}, carrying {@code record} (the guessed
   * transaction's, null: none) as the alert's app-layer object.
   */
  public static AlertEvent withGuessedTransaction(AlertEvent event, long txId, AppRecord record) {
    if (txId < 0) {
      return event;
    }
    AlertEvent.Builder b = event.toBuilder().txId(txId).more(event.more().withTxGuessed());
    if (record != null && event.app() == null) {
      b.app(event.appProto(), record);
    }
    return b.build();
  }

  /** The fields only some alerts carry: the tunnel of an inner packet, the rule's target. */
  private static org.vigil.output.AlertExtras extras(RuleMeta rule, Packet p) {
    org.vigil.output.AlertTunnel tunnel = org.vigil.inspect.EventHeaders.tunnel(p);
    String target = rule.target();
    if (tunnel == null && target == null) {
      return org.vigil.output.AlertExtras.NONE;
    }
    return new org.vigil.output.AlertExtras(tunnel, target, null, null);
  }

  /**
   * What the alert options may log: the stream data inspected (a stream chunk's match) or the
   * packet's payload, the frame, and the transaction's bodies.
   */
  private static AlertPayload payload(
      InspectionContext ctx, Packet p, AppTransaction tx, org.vigil.output.EveOptions asked) {
    int b = org.vigil.detect.api.Buffers.PAYLOAD;
    byte[] data;
    if (ctx.streamChunk && ctx.data[b] != null) {
      data = java.util.Arrays.copyOfRange(ctx.data[b], ctx.off[b], ctx.off[b] + ctx.len[b]);
    } else {
      data =
          java.util.Arrays.copyOfRange(
              p.data(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }
    boolean stream = p.isTcp() && (ctx.streamChunk || tx != null);
    return new AlertPayload(
        data,
        stream,
        p.isPseudo() ? null : java.util.Arrays.copyOf(p.data(), p.length()),
        p.linkType(),
        tx == null ? null : tx.body(true),
        tx == null ? null : tx.body(false),
        asked);
  }

  /** The alert's {@code flow} object: the flow's counters so far, start and endpoints. */
  private static AlertFlow flow(Flow f) {
    if (f == null) {
      return null;
    }
    boolean ports = f.proto() == Packet.PROTO_TCP || f.proto() == Packet.PROTO_UDP;
    return new AlertFlow(
        f.packetsToServer(),
        f.packetsToClient(),
        f.bytesToServer(),
        f.bytesToClient(),
        f.startNanos(),
        IpAddresses.formatEve(f.ipVersion(), f.clientHi(), f.clientLo()),
        IpAddresses.formatEve(f.ipVersion(), f.serverHi(), f.serverLo()),
        ports ? f.clientPort() : null,
        ports ? f.serverPort() : null);
  }

  /** The shared EVE fields, with the addresses and ports oriented as {@code ctx} inspected them. */
  public static EventHeader header(InspectionContext ctx, Packet p) {
    return org.vigil.inspect.EventHeaders.header(ctx, p);
  }

  /** The protocol as Suricata's EVE prints it. */
  public static String protoName(int proto) {
    return org.vigil.inspect.EventHeaders.protoName(proto);
  }
}
