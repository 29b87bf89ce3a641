package org.vigil.thread;

import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.flow.Flow;
import org.vigil.flow.FlowEndReason;
import org.vigil.inspect.EventHeaders;
import org.vigil.output.EventHeader;
import org.vigil.output.FlowEvent;

/** Turns a flow leaving the table into its EVE {@code flow} record. */
public final class FlowEventMapper {
  private FlowEventMapper() {}

  /**
   * The end record of {@code f} (addresses client to server, time of its last packet), which ended
   * for {@code reason}; {@code appProto} is the app-layer protocol detected on it (null: none) and
   * {@code alerted} whether an alert was raised on it.
   */
  public static FlowEvent map(Flow f, FlowEndReason reason, String appProto, boolean alerted) {
    int v = f.ipVersion();
    boolean ports = f.proto() == Packet.PROTO_TCP || f.proto() == Packet.PROTO_UDP;
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
            EventHeaders.protoName(f.proto()),
            null,
            null,
            null,
            null);
    return new FlowEvent(
        h,
        appProto,
        f.packetsToServer(),
        f.packetsToClient(),
        f.bytesToServer(),
        f.bytesToClient(),
        f.startNanos(),
        f.lastNanos(),
        switch (f.state()) {
          case NEW -> "new";
          case ESTABLISHED -> "established";
          case CLOSED -> "closed";
        },
        reason.eveName(),
        alerted);
  }
}
