package org.vigil.flow;

/**
 * What the flow table reads from a decoded packet (its key, time, length, TCP flags and, for an
 * ICMPv4 error, the quoted header) and writes back to it (its flow and direction). Addresses are
 * two longs, hi and lo, IPv4 in lo.
 */
public interface FlowPacket {
  /** 4, 6, or 0 when no IP layer was decoded. */
  int ipVersion();

  /** True for an IP fragment (its layer 4 is not decoded). */
  boolean isFragment();

  /** True when the layer-4 header (TCP, UDP, ICMP) was decoded completely. */
  boolean hasL4();

  /** Layer-4 protocol number. */
  int ipProto();

  /** True when the layer-4 protocol is TCP and its header was decoded. */
  boolean isTcp();

  /** The TCP flags (0 when not TCP). */
  int tcpFlags();

  int payloadLength();

  /** Captured bytes of the packet (what the flow's byte counters add). */
  int length();

  long timestampNanos();

  long srcHi();

  long srcLo();

  long dstHi();

  long dstLo();

  int srcPort();

  int dstPort();

  /** Outer VLAN id (0 when none). */
  int vlanId0();

  /** Inner VLAN id (0 when none). */
  int vlanId1();

  /** 0 for a captured packet, n for a packet decapsulated from n tunnel layers. */
  int tunnelDepth();

  /** True for an ICMPv4 error whose quoted IPv4 header and ports could be read. */
  boolean hasIcmpEmbedded();

  int icmpEmbeddedProto();

  /** Quoted source address (IPv4, unsigned 32-bit value). */
  long icmpEmbeddedSrc();

  long icmpEmbeddedDst();

  int icmpEmbeddedSrcPort();

  int icmpEmbeddedDstPort();

  /** The flow the packet was attached to, or null. */
  Flow flow();

  /**
   * Attaches the packet to a flow (or to none), sent by the flow's client when {@code toServer}.
   */
  void setFlow(Flow flow, boolean toServer);
}
