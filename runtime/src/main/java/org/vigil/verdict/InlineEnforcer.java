package org.vigil.verdict;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Carries out inline verdicts for one verdict thread: drops packets of flows already dropped, remembers
 * flows a {@code drop}/{@code reject} condemns, and sends the reject's RST or ICMP unreachable. Reduces
 * every verdict to what the packet source must tell the kernel: accept, drop or repeat.
 */
public final class InlineEnforcer {

  private final FlowDropSet flows;
  private final PacketInjector injector;
  private final Consumer<String> warnings;
  private final InlineHeaders headers = new InlineHeaders();
  private final RejectPacketBuilder builder = new RejectPacketBuilder();

  private long flowDroppedPackets;
  private long flowsDropped;
  private long unkeyedFlowDrops;
  private long rejectsSent;
  private long rejectErrors;

  /**
   * An enforcer over {@code flows}, sending rejects through {@code injector}; send failures are counted
   * and the first few described to {@code warnings}.
   */
  public InlineEnforcer(FlowDropSet flows, PacketInjector injector, Consumer<String> warnings) {
    this.flows = flows;
    this.injector = injector;
    this.warnings = warnings;
  }

  /** True when the IP packet {@code buf[off, off+len)} belongs to a dropped flow (counted). */
  public boolean inDroppedFlow(ByteBuffer buf, int off, int len, long nowNanos) {
    if (flows.isEmpty() || !headers.parse(buf, off, len)) return false;
    if (flows.contains(headers, nowNanos)) {
      flowDroppedPackets++;
      return true;
    }
    return false;
  }

  /**
   * Applies {@code verdict} to the IP packet {@code buf[off, off+len)} and returns what the kernel must be
   * told: {@link Verdict#ACCEPT}, {@link Verdict#DROP} or the same {@link Verdict.Repeat}.
   */
  public Verdict apply(Verdict verdict, ByteBuffer buf, int off, int len, long nowNanos) {
    return switch (verdict) {
      case Verdict.Accept a -> Verdict.ACCEPT;
      case Verdict.Repeat r -> r;
      case Verdict.Drop d -> {
        if (d.flow()) condemn(buf, off, len, nowNanos);
        yield Verdict.DROP;
      }
      case Verdict.Reject r -> {
        if (headers.parse(buf, off, len)) {
          if (r.flow()) condemnParsed(nowNanos);
          reject(r.target());
        } else {
          rejectErrors++;
        }
        yield Verdict.DROP;
      }
    };
  }

  private void condemn(ByteBuffer buf, int off, int len, long now) {
    if (headers.parse(buf, off, len)) condemnParsed(now);
    else unkeyedFlowDrops++;
  }

  private void condemnParsed(long now) {
    if (!headers.firstFragment() && headers.protocol() != InlineHeaders.ICMP && headers.protocol() != InlineHeaders.ICMPV6) {
      unkeyedFlowDrops++; // a non-first fragment has no ports: its flow cannot be keyed here
      return;
    }
    flows.add(headers, now);
    flowsDropped++;
  }

  private void reject(RejectTarget target) {
    if (headers.protocol() == InlineHeaders.TCP) {
      if (target != RejectTarget.DESTINATION) send(builder.tcpReset(headers, true));
      if (target != RejectTarget.SOURCE) send(builder.tcpReset(headers, false));
    } else {
      send(builder.icmpUnreachable(headers));
    }
  }

  private void send(int length) {
    if (length == 0) return;
    try {
      injector.inject(headers.version(), builder.buffer(), length);
      rejectsSent++;
    } catch (IOException | RuntimeException e) {
      if (rejectErrors++ < 5) warnings.accept(e.getMessage());
    }
  }

  /** Counters of this enforcer so far. */
  public Stats stats() {
    return new Stats(flowDroppedPackets, flowsDropped, flows.size(), flows.evicted(), unkeyedFlowDrops, rejectsSent, rejectErrors);
  }

  /**
   * Enforcer counters: packets dropped because their flow was, flows condemned, flows held now, flows
   * forgotten for room, flow drops that could not be keyed, reject packets sent, rejects that failed.
   */
  public record Stats(long flowDroppedPackets, long flowsDropped, int flowsHeld, long flowsEvicted,
                      long unkeyedFlowDrops, long rejectsSent, long rejectErrors) {}
}
