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
import org.vigil.output.EventHeader;

/**
 * Turns a rule match into the alert record the outputs write: EVE header, ids, category, severity.
 */
public final class AlertEventMapper {
  /** Suricata's priority for a rule without priority or known classtype. */
  public static final int DEFAULT_PRIORITY = 3;

  private final ClassificationConfig classes;

  /** A mapper that looks categories and priorities up in {@code classes}. */
  public AlertEventMapper(ClassificationConfig classes) {
    this.classes = classes;
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
    return new AlertEvent(
        header(ctx, packet),
        blocked ? AlertEvent.BLOCKED : AlertEvent.ALLOWED,
        (int) rule.gid(),
        rule.sid(),
        (int) rule.rev(),
        rule.msg(),
        c == null ? null : c.description(),
        severity,
        appProto != null ? appProto : app == null ? null : app.eventType(),
        app,
        tx == null ? null : tx.id(),
        flow(packet.flow()),
        rule.metadata());
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
