package org.vigil.inspect;

import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.IpOptions;
import org.vigil.flow.Flow;
import org.vigil.stream.TcpSession;

/**
 * Fills an {@link InspectionContext} with one decoded packet's header fields, payload and flow
 * state.
 */
public final class PacketContextFiller {
  private PacketContextFiller() {}

  /**
   * stream_size reads the sequence space each side used, as Suricata does, not the flow's byte
   * counters.
   */
  static void fillStreamSizes(InspectionContext ctx, TcpSession s) {
    ctx.streamClientBytes = s.sequenceBytes(true);
    ctx.streamServerBytes = s.sequenceBytes(false);
  }

  /** Header fields, flow direction/state and flowbits of {@code p}; buffers are cleared. */
  public static void fillHeader(
      InspectionContext ctx, Packet p, FlowBits bits, boolean established) {
    ctx.reset();
    ctx.ipVersion = p.ipVersion();
    IpAddresses.putBytes(ctx.srcIp, p.ipVersion(), p.srcHi(), p.srcLo());
    IpAddresses.putBytes(ctx.dstIp, p.ipVersion(), p.dstHi(), p.dstLo());
    ctx.ipProto = p.ipProto();
    ctx.ttl = p.ttl();
    ctx.tos = p.tos();
    ctx.ipId = p.ipId();
    ctx.ipFlags =
        (p.reservedBit() ? 4 : 0) | (p.dontFragment() ? 2 : 0) | (p.moreFragments() ? 1 : 0);
    ctx.fragOffset = p.fragOffset();
    ctx.ipOptions = ipOptions(p.ipOptionMask());
    ctx.fragmented = p.isReassembled();
    ctx.srcPort = p.srcPort();
    ctx.dstPort = p.dstPort();
    if (p.isTcp()) {
      ctx.tcpFlags = p.tcpFlags();
      ctx.tcpSeq = p.tcpSeq() & 0xFFFFFFFFL;
      ctx.tcpAck = p.tcpAck() & 0xFFFFFFFFL;
      ctx.tcpWindow = p.tcpWindow();
    }
    if (p.isIcmpv4() || p.isIcmpv6()) {
      ctx.icmpType = p.icmpType();
      ctx.icmpCode = p.icmpCode();
      if (p.hasIcmpIdSeq()) {
        ctx.icmpId = p.icmpId();
        ctx.icmpSeq = p.icmpSeq();
      }
    }
    ctx.setPacketPayload(
        p.data(), p.payloadOffset(), p.isTunnelRoot() ? 0 : Math.max(0, p.payloadLength()));
    Flow f = p.flow();
    if (f != null) {
      ctx.flowFlags =
          (p.toServer() ? InspectionContext.FLOW_TO_SERVER : InspectionContext.FLOW_TO_CLIENT)
              | (established
                  ? InspectionContext.FLOW_ESTABLISHED
                  : InspectionContext.FLOW_NOT_ESTABLISHED);
      ctx.flowbits = bits;
    }
  }

  /**
   * Puts the packet's own payload in the payload buffer and sets dsize. The payload of a tunnel's
   * outer packet is the inner packet, inspected on its own: as Suricata, the outer packet is
   * inspected with an empty payload (header rules only).
   */
  public static void fillPayload(InspectionContext ctx, Packet p) {
    ctx.dsize = p.payloadLength();
    int len = p.isTunnelRoot() ? 0 : Math.max(0, p.payloadLength());
    ctx.setBuffer(Buffers.PAYLOAD, p.data(), p.payloadOffset(), len);
  }

  /** Maps the decoder's IPOPT_* mask to the detection API's {@link IpOptions} bits. */
  static int ipOptions(int mask) {
    if (mask == 0) {
      return 0;
    }
    int out = 0;
    if ((mask & Packet.IPOPT_EOL) != 0) out |= IpOptions.EOL;
    if ((mask & Packet.IPOPT_NOP) != 0) out |= IpOptions.NOP;
    if ((mask & Packet.IPOPT_RR) != 0) out |= IpOptions.RR;
    if ((mask & Packet.IPOPT_TS) != 0) out |= IpOptions.TS;
    if ((mask & Packet.IPOPT_SEC) != 0) out |= IpOptions.SEC;
    if ((mask & Packet.IPOPT_ESEC) != 0) out |= IpOptions.ESEC;
    if ((mask & Packet.IPOPT_LSRR) != 0) out |= IpOptions.LSRR;
    if ((mask & Packet.IPOPT_SSRR) != 0) out |= IpOptions.SSRR;
    if ((mask & Packet.IPOPT_SATID) != 0) out |= IpOptions.SATID;
    return out;
  }
}
