package org.vigil.inspect;

import org.vigil.decode.IcmpCounterparts;
import org.vigil.decode.Packet;
import org.vigil.flow.Flow;
import org.vigil.flow.FlowSlot;
import org.vigil.flow.FlowState;
import org.vigil.output.FlowDetails;
import org.vigil.output.FlowTcp;
import org.vigil.output.FlowVars;

/**
 * What a flow's EVE flow record says of its inspection: whether it alerted, its app protocols, its
 * flow variables, its first ICMP type or SPI, a TCP flow's flags and session state.
 */
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

  /**
   * A flow's first packet's identity for its flow record ({@link FlowContext#firstId}): ICMP type
   * and code, ESP's SPI, else -1.
   */
  static long firstId(Packet p) {
    int proto = p.ipProto();
    if ((proto == 1 || proto == 58) && p.icmpType() >= 0) {
      return (p.icmpType() << 8) | (p.icmpCode() & 0xff);
    }
    if (proto == 50 && p.payloadLength() >= 4) {
      byte[] b = p.data();
      int o = p.payloadOffset();
      return ((b[o] & 0xffL) << 24)
          | ((b[o + 1] & 0xff) << 16)
          | ((b[o + 2] & 0xff) << 8)
          | (b[o + 3] & 0xff);
    }
    return -1;
  }

  /**
   * A TCP flow's state follows its session's, as in Suricata (so does its timeout): new until the
   * handshake completes (or without a session), established while open or half closed, closed from
   * the last ACK of the close, a TIME_WAIT or an accepted RST on.
   */
  static void followSession(Flow f, org.vigil.stream.TcpSession s) {
    FlowState st =
        switch (FlowTcp.flowStateOf(s == null ? null : s.eveState())) {
          case "new" -> FlowState.NEW;
          case "closed" -> FlowState.CLOSED;
          default -> FlowState.ESTABLISHED;
        };
    if (f.state() != st) {
      f.setState(st);
    }
  }

  /**
   * Keeps what the flow record needs of a TCP flow whose end is being processed, its session just
   * closed: flags, the state it had before ({@code tcpState}) and gaps, the directions' protocols.
   */
  void keepEnd(FlowContext fc, String tcpState) {
    boolean ts = fc.tcp.clientIsInitiator();
    FlowTcp tcp =
        new FlowTcp(
            fc.tcp.flagsSeen(true),
            fc.tcp.flagsSeen(false),
            tcpState,
            fc.tcp.hadGap(ts),
            fc.tcp.hadGap(!ts));
    fc.ended =
        fc.app == null
            ? new FlowDetails(null, null, null, null, null, null, tcp)
            : new FlowDetails(
                fc.app.directionProtocol(true),
                fc.app.directionProtocol(false),
                fc.app.originalProtocol(),
                null,
                null,
                null,
                tcp);
  }

  /** True when {@code flow}'s packets went through this inspector. */
  public boolean inspected(Flow flow) {
    return flow != null && flow.get(slot) != null;
  }

  /** The flow's variables for its flow record's {@code metadata}, or null when none is set. */
  public FlowVars vars(Flow flow) {
    FlowContext fc = flow == null ? null : flow.get(slot);
    return fc == null ? null : FlowVars.of(fc.flowbits.setNames(), fc.flowbits.flowints());
  }

  /** The flow's first ICMP type and code ({@code type << 8 | code}), or -1. */
  public int firstIcmp(Flow flow) {
    FlowContext fc = flow == null ? null : flow.get(slot);
    int proto = flow == null ? -1 : flow.proto();
    return fc == null || (proto != 1 && proto != 58) ? -1 : (int) fc.firstId;
  }

  /**
   * The fields of the flow's record that only some flows carry: directions' protocols, the ICMP
   * answer's type, ESP's SPI, a TCP flow's flags and state (no session: {@link
   * FlowTcp#NO_SESSION}).
   */
  public FlowDetails details(Flow flow) {
    FlowContext fc = flow.get(slot);
    int proto = flow.proto();
    if (proto == Packet.PROTO_TCP) {
      return fc != null && fc.ended != null ? fc.ended : NO_SESSION;
    }
    if (fc == null) {
      return FlowDetails.NONE;
    }
    Integer answerType = null;
    Integer answerCode = null;
    if ((proto == 1 || proto == 58) && fc.firstId >= 0 && flow.packetsToClient() > 0) {
      // the flow record writes 0 for a type nothing answers
      answerType =
          Math.max(
              0,
              IcmpCounterparts.of(
                  IcmpCounterparts.Convention.FLOW_RECORD, proto == 58, (int) (fc.firstId >>> 8)));
      answerCode = 0;
    }
    Long spi = proto == 50 && fc.firstId >= 0 ? fc.firstId : null;
    return new FlowDetails(
        fc.app == null ? null : fc.app.directionProtocol(true),
        fc.app == null ? null : fc.app.directionProtocol(false),
        fc.app == null ? null : fc.app.originalProtocol(),
        answerType,
        answerCode,
        spi,
        null);
  }

  private static final FlowDetails NO_SESSION =
      new FlowDetails(null, null, null, null, null, null, FlowTcp.NO_SESSION);
}
