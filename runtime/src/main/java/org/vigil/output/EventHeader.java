package org.vigil.output;

import java.util.List;

/**
 * The fields every EVE record shares: when, which flow, which packet of which capture, and the
 * addresses. Ports are null for protocols without ports; {@code pcapCnt} is null for packets that
 * were not read from a capture as such (tunnel inner packets, stream pseudo packets).
 *
 * @param timestampNanos packet time, nanoseconds since the Unix epoch
 * @param flowId Suricata-style flow id (0 when the packet has no flow)
 * @param pcapCnt 1-based packet number in its capture, or null
 * @param pcapFilename the capture file the packet came from, or null (live capture)
 * @param srcIp source address as printed (dotted quad or RFC 5952 IPv6)
 * @param srcPort source port, or null
 * @param destIp destination address as printed
 * @param destPort destination port, or null
 * @param proto protocol as Suricata prints it: "TCP", "UDP", "ICMP", "IPv6-ICMP", …
 * @param direction "to_server" / "to_client", or null when unknown
 * @param icmpType ICMP/ICMPv6 type (EVE {@code icmp_type}; fast.log prints it as the source port),
 *     or null for other protocols
 * @param icmpCode ICMP/ICMPv6 code (EVE {@code icmp_code}; fast.log's destination port), or null
 * @param pktSrc how the packet came (EVE {@code pkt_src}: {@code wire/pcap}, {@code gre tunnel},
 *     {@code stream (flow timeout)}, …), or null for a record not made of a packet
 * @param vlan the packet's VLAN ids, outermost first (EVE {@code vlan}), or null when it has none
 * @param vars the flow's variables when the record was made (EVE top-level {@code metadata}), or
 *     null when it has none
 */
public record EventHeader(
    long timestampNanos,
    long flowId,
    Long pcapCnt,
    String pcapFilename,
    String srcIp,
    Integer srcPort,
    String destIp,
    Integer destPort,
    String proto,
    String direction,
    Integer icmpType,
    Integer icmpCode,
    String pktSrc,
    List<Integer> vlan,
    FlowVars vars) {

  /** A header without VLAN ids or flow variables. */
  public EventHeader(
      long timestampNanos,
      long flowId,
      Long pcapCnt,
      String pcapFilename,
      String srcIp,
      Integer srcPort,
      String destIp,
      Integer destPort,
      String proto,
      String direction,
      Integer icmpType,
      Integer icmpCode,
      String pktSrc) {
    this(
        timestampNanos,
        flowId,
        pcapCnt,
        pcapFilename,
        srcIp,
        srcPort,
        destIp,
        destPort,
        proto,
        direction,
        icmpType,
        icmpCode,
        pktSrc,
        null,
        null);
  }

  /** The same header with the VLAN ids and flow variables given (either null: none). */
  public EventHeader withExtras(List<Integer> vlan, FlowVars vars) {
    return new EventHeader(
        timestampNanos,
        flowId,
        pcapCnt,
        pcapFilename,
        srcIp,
        srcPort,
        destIp,
        destPort,
        proto,
        direction,
        icmpType,
        icmpCode,
        pktSrc,
        vlan,
        vars);
  }

  /** The same header with {@code pkt_src}. */
  public EventHeader withPktSrc(String pktSrc) {
    return new EventHeader(
        timestampNanos,
        flowId,
        pcapCnt,
        pcapFilename,
        srcIp,
        srcPort,
        destIp,
        destPort,
        proto,
        direction,
        icmpType,
        icmpCode,
        pktSrc,
        vlan,
        vars);
  }

  /** Checks the fields EVE always prints. */
  public EventHeader {
    if (srcIp == null || destIp == null || proto == null) {
      throw new IllegalArgumentException("src_ip, dest_ip and proto are required");
    }
    if (direction != null && !direction.equals("to_server") && !direction.equals("to_client")) {
      throw new IllegalArgumentException(
          "direction must be to_server or to_client, not " + direction);
    }
    vlan = vlan == null || vlan.isEmpty() ? null : List.copyOf(vlan);
  }
}
