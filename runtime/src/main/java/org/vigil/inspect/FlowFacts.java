package org.vigil.inspect;

import org.vigil.flow.Flow;
import org.vigil.flow.FlowSlot;

/** What a flow's EVE flow record says of its detection: whether it alerted, its app protocol. */
public final class FlowFacts {
  private final FlowSlot<FlowContext> slot;

  FlowFacts(FlowSlot<FlowContext> slot) {
    this.slot = slot;
  }

  /** Notes that an alert was raised on {@code flow} (its EVE flow record says so). */
  public void markAlerted(Flow flow) {
    FlowContext fc = flow == null ? null : flow.get(slot);
    if (fc != null) {
      fc.alerted = true;
    }
  }

  /** True when {@link #markAlerted} was called for {@code flow}. */
  public boolean alerted(Flow flow) {
    FlowContext fc = flow == null ? null : flow.get(slot);
    return fc != null && fc.alerted;
  }

  /**
   * The app-layer protocol detected on {@code flow} (EVE {@code app_proto}: "http", …), also after
   * its end was processed; null when none was (or the flow is not this inspector's).
   */
  public String appProto(Flow flow) {
    FlowContext fc = flow == null ? null : flow.get(slot);
    if (fc == null) {
      return null;
    }
    return fc.app != null ? fc.app.protocolName() : fc.appProto;
  }

  /**
   * The protocol detected on {@code flow}'s data in direction {@code toServer} when it is not the
   * flow's (EVE {@code app_proto_ts} / {@code app_proto_tc}: {@code failed}, or another protocol),
   * else null.
   */
  public String directionProtocol(Flow flow, boolean toServer) {
    FlowContext fc = flow == null ? null : flow.get(slot);
    return fc == null || fc.app == null ? null : fc.app.directionProtocol(toServer);
  }
}
