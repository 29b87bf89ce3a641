package org.vigil.thread;

import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.flow.Flow;
import org.vigil.flow.FlowEndReason;
import org.vigil.inspect.EventHeaders;
import org.vigil.inspect.FlowFacts;
import org.vigil.output.EventHeader;
import org.vigil.output.FlowDetails;
import org.vigil.output.FlowEvent;

/** Turns a flow leaving the table into its EVE {@code flow} record. */
public final class FlowEventMapper {
  private FlowEventMapper() {}

  /**
   * The end record of {@code f} (addresses client to server, time of its last packet), which ended
   * for {@code reason}; {@code facts} tells what its inspection found (app protocols, alerts, flow
   * variables, a TCP flow's session).
   */
  public static FlowEvent map(Flow f, FlowEndReason reason, FlowFacts facts) {
    int v = f.ipVersion();
    int proto = f.proto();
    boolean ports = proto == Packet.PROTO_TCP || proto == Packet.PROTO_UDP;
    int icmp = facts.firstIcmp(f);
    EventHeader h =
        new EventHeader(
            f.lastNanos(),
            f.id(),
            null,
            null,
            IpAddresses.formatEve(v, f.clientHi(), f.clientLo()),
            ports ? f.clientPort() : null,
            IpAddresses.formatEve(v, f.serverHi(), f.serverLo()),
            ports ? f.serverPort() : null,
            EventHeaders.protoName(proto),
            null,
            icmp < 0 ? null : icmp >>> 8,
            icmp < 0 ? null : icmp & 0xff,
            null,
            vlan(f),
            facts.vars(f));
    FlowDetails details = facts.details(f);
    String appProto = facts.appProto(f);
    if (appProto == null && proto == Packet.PROTO_UDP && facts.inspected(f)) {
      appProto = "failed"; // Suricata's name for a datagram flow whose first packet no protocol's
    }
    return new FlowEvent(
        h,
        appProto,
        f.packetsToServer(),
        f.packetsToClient(),
        f.bytesToServer(),
        f.bytesToClient(),
        f.startNanos(),
        f.lastNanos(),
        details.tcp() != null
            ? details.tcp().flowState()
            : switch (f.state()) {
              case NEW -> "new";
              case ESTABLISHED -> "established";
              case CLOSED -> "closed";
            },
        reason.eveName(),
        facts.alerted(f),
        details);
  }

  /** The flow's VLAN ids, outermost first, or null when it has none. */
  private static java.util.List<Integer> vlan(Flow f) {
    if (f.vlanId0() == 0) {
      return f.vlanId1() == 0 ? null : java.util.List.of(f.vlanId1());
    }
    return f.vlanId1() == 0
        ? java.util.List.of(f.vlanId0())
        : java.util.List.of(f.vlanId0(), f.vlanId1());
  }
}
