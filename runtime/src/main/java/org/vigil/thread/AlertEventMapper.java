package org.vigil.thread;

import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.config.Classification;
import org.vigil.config.ClassificationConfig;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.output.AlertEvent;
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
    return map(rule, ctx, packet, blocked, null);
  }

  /**
   * As {@link #map(RuleMeta, InspectionContext, Packet, boolean)}, for an alert on app-layer
   * transaction {@code tx} (null: none), whose record the alert carries.
   */
  public AlertEvent map(
      RuleMeta rule, InspectionContext ctx, Packet packet, boolean blocked, AppTransaction tx) {
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
        app == null ? null : app.eventType(),
        app);
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
