package org.vigil.verdict;

import java.io.IOException;
import java.util.function.Consumer;
import org.vigil.decode.Packet;
import org.vigil.flow.Flow;

/**
 * Carries out inline verdicts for one verdict thread, on the decoded packet and its flow: a flow a
 * {@code drop}/{@code reject} condemns is marked dropped ({@link Flow#drop()}), so its later
 * packets are dropped ({@link #inDroppedFlow}), and a reject's RST or ICMP unreachable is built
 * from the packet and sent. Reduces every verdict to what the packet source must be told: accept,
 * drop or repeat.
 */
public final class InlineEnforcer {

  private final PacketInjector injector;
  private final Consumer<String> warnings;
  private final RejectPacketBuilder builder = new RejectPacketBuilder();

  private long flowDroppedPackets;
  private long flowsDropped;
  private long unkeyedFlowDrops;
  private long rejectsSent;
  private long rejectErrors;

  /**
   * An enforcer sending rejects through {@code injector}; send failures are counted and the first
   * few described to {@code warnings}.
   */
  public InlineEnforcer(PacketInjector injector, Consumer<String> warnings) {
    this.injector = injector;
    this.warnings = warnings;
  }

  /**
   * True when {@code flow} (the flow of a packet about to be inspected, or null) was dropped
   * (counted).
   */
  public boolean inDroppedFlow(Flow flow) {
    if (flow != null && flow.dropped()) {
      flowDroppedPackets++;
      return true;
    }
    return false;
  }

  /**
   * Applies {@code verdict} to the decoded packet {@code p} of flow {@code flow} (null when the
   * packet has none, e.g. a fragment) and returns what the kernel must be told: {@link
   * Verdict#ACCEPT}, {@link Verdict#DROP} or the same {@link Verdict.Repeat}.
   */
  public Verdict apply(Verdict verdict, Packet p, Flow flow) {
    return switch (verdict) {
      case Verdict.Accept a -> Verdict.ACCEPT;
      case Verdict.Repeat r -> r;
      case Verdict.Drop d -> {
        if (d.flow()) condemn(flow);
        yield Verdict.DROP;
      }
      case Verdict.Reject r -> {
        if (p.ipVersion() == 4 || p.ipVersion() == 6) {
          if (r.flow()) condemn(flow);
          reject(p, r.target());
        } else {
          rejectErrors++;
        }
        yield Verdict.DROP;
      }
    };
  }

  private void condemn(Flow flow) {
    if (flow == null) {
      unkeyedFlowDrops++; // no flow (not IP, a fragment not reassembled yet): only this packet is
      // dropped
      return;
    }
    if (!flow.dropped()) {
      flow.drop();
      flowsDropped++;
    }
  }

  private void reject(Packet p, RejectTarget target) {
    if (p.isTcp()) {
      if (target != RejectTarget.DESTINATION) send(p.ipVersion(), builder.tcpReset(p, true));
      if (target != RejectTarget.SOURCE) send(p.ipVersion(), builder.tcpReset(p, false));
    } else {
      send(p.ipVersion(), builder.icmpUnreachable(p));
    }
  }

  private void send(int version, int length) {
    if (length == 0) return;
    try {
      injector.inject(version, builder.buffer(), length);
      rejectsSent++;
    } catch (IOException | RuntimeException e) {
      if (rejectErrors++ < 5) warnings.accept(e.getMessage());
    }
  }

  /** Counters of this enforcer so far. */
  public Stats stats() {
    return new Stats(flowDroppedPackets, flowsDropped, unkeyedFlowDrops, rejectsSent, rejectErrors);
  }

  /**
   * Enforcer counters: packets dropped because their flow was, flows condemned, flow drops without
   * a flow to mark, reject packets sent, rejects that failed.
   */
  public record Stats(
      long flowDroppedPackets,
      long flowsDropped,
      long unkeyedFlowDrops,
      long rejectsSent,
      long rejectErrors) {}
}
