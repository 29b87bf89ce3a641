package org.vigil.decode;

/**
 * The layer-4 (TCP, UDP, ICMP) header fields of a {@link Packet} and where its payload lies: set
 * directly by the decoders of this package, read through the accessors.
 */
public abstract sealed class TransportHeaders extends LinkAndIpHeaders permits Packet {
  /** Bits of {@link #tcpFlags()}. */
  public static final int FIN = 1,
      SYN = 2,
      RST = 4,
      PSH = 8,
      ACK = 16,
      URG = 32,
      ECE = 64,
      CWR = 128;

  int l4Offset;
  boolean l4Decoded;
  int srcPort, dstPort;
  int tcpSeq, tcpAck, tcpFlags, tcpWindow, tcpHeaderLength;
  int tcpUrgent;
  boolean hasTcpTimestamp, tcpSackPermitted, tcpTfo;
  boolean tcpChecksumInvalid;
  long tcpTsVal, tcpTsEcr;
  int tcpWscale = -1, tcpMss = -1;
  int tcpSackOffset, tcpSackBlocks;
  int icmpType = -1, icmpCode = -1, icmpId, icmpSeq;
  boolean hasIcmpIdSeq;
  boolean icmpEmb;
  int icmpEmbProto, icmpEmbSrcPort, icmpEmbDstPort;
  long icmpEmbSrc, icmpEmbDst;
  int payloadOffset, payloadLength;

  TransportHeaders() {}

  /** Clears the layer-4 fields (absent TCP options and ICMP type/code read as -1). */
  final void resetTransport() {
    l4Offset = 0;
    l4Decoded = false;
    srcPort = dstPort = 0;
    tcpSeq = tcpAck = tcpFlags = tcpWindow = tcpHeaderLength = 0;
    tcpUrgent = 0;
    hasTcpTimestamp = tcpSackPermitted = tcpTfo = tcpChecksumInvalid = false;
    tcpTsVal = tcpTsEcr = 0;
    tcpWscale = -1;
    tcpMss = -1;
    tcpSackOffset = tcpSackBlocks = 0;
    icmpType = icmpCode = -1;
    icmpId = icmpSeq = 0;
    hasIcmpIdSeq = false;
    icmpEmb = false;
    icmpEmbProto = icmpEmbSrcPort = icmpEmbDstPort = 0;
    icmpEmbSrc = icmpEmbDst = 0;
    payloadOffset = payloadLength = 0;
  }

  /** Copies the layer-4 fields of {@code o}. */
  final void copyTransportFrom(TransportHeaders o) {
    l4Offset = o.l4Offset;
    l4Decoded = o.l4Decoded;
    srcPort = o.srcPort;
    dstPort = o.dstPort;
    tcpSeq = o.tcpSeq;
    tcpAck = o.tcpAck;
    tcpFlags = o.tcpFlags;
    tcpWindow = o.tcpWindow;
    tcpHeaderLength = o.tcpHeaderLength;
    tcpUrgent = o.tcpUrgent;
    hasTcpTimestamp = o.hasTcpTimestamp;
    tcpSackPermitted = o.tcpSackPermitted;
    tcpTfo = o.tcpTfo;
    tcpChecksumInvalid = o.tcpChecksumInvalid;
    tcpTsVal = o.tcpTsVal;
    tcpTsEcr = o.tcpTsEcr;
    tcpWscale = o.tcpWscale;
    tcpMss = o.tcpMss;
    tcpSackOffset = o.tcpSackOffset;
    tcpSackBlocks = o.tcpSackBlocks;
    icmpType = o.icmpType;
    icmpCode = o.icmpCode;
    icmpId = o.icmpId;
    icmpSeq = o.icmpSeq;
    hasIcmpIdSeq = o.hasIcmpIdSeq;
    icmpEmb = o.icmpEmb;
    icmpEmbProto = o.icmpEmbProto;
    icmpEmbSrcPort = o.icmpEmbSrcPort;
    icmpEmbDstPort = o.icmpEmbDstPort;
    icmpEmbSrc = o.icmpEmbSrc;
    icmpEmbDst = o.icmpEmbDst;
    payloadOffset = o.payloadOffset;
    payloadLength = o.payloadLength;
  }

  public int l4Offset() {
    return l4Offset;
  }

  public boolean isTcp() {
    return l4Decoded && ipProto == PROTO_TCP;
  }

  public boolean isUdp() {
    return l4Decoded && ipProto == PROTO_UDP;
  }

  public boolean isIcmpv4() {
    return l4Decoded && ipProto == PROTO_ICMP;
  }

  public boolean isIcmpv6() {
    return l4Decoded && ipProto == PROTO_ICMPV6;
  }

  /** True when the layer-4 header (TCP, UDP, ICMP) was decoded completely. */
  public boolean hasL4() {
    return l4Decoded;
  }

  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  // ---- TCP ----
  public int tcpSeq() {
    return tcpSeq;
  }

  public int tcpAck() {
    return tcpAck;
  }

  public int tcpFlags() {
    return tcpFlags;
  }

  /** Raw, unscaled window. */
  public int tcpWindow() {
    return tcpWindow;
  }

  public int tcpHeaderLength() {
    return tcpHeaderLength;
  }

  /** TCP urgent pointer. */
  public int tcpUrgentPointer() {
    return tcpUrgent;
  }

  public boolean hasTcpTimestamp() {
    return hasTcpTimestamp;
  }

  public long tcpTsVal() {
    return tcpTsVal;
  }

  public long tcpTsEcr() {
    return tcpTsEcr;
  }

  /** Window scale shift, -1 if absent. */
  public int tcpWscale() {
    return tcpWscale;
  }

  /** MSS option, -1 if absent. */
  public int tcpMss() {
    return tcpMss;
  }

  public boolean tcpSackPermitted() {
    return tcpSackPermitted;
  }

  /** True when a TCP Fast Open option was present. */
  public boolean tcpTfo() {
    return tcpTfo;
  }

  /**
   * The TCP checksum was validated ({@code checksums.validate}) and is wrong (set whatever the
   * event table holds).
   */
  public boolean tcpChecksumInvalid() {
    return tcpChecksumInvalid;
  }

  /** Number of SACK blocks in the SACK option (0 if absent). */
  public int tcpSackBlocks() {
    return tcpSackBlocks;
  }

  // ---- ICMP ----
  /** ICMP type, -1 when not ICMP. */
  public int icmpType() {
    return icmpType;
  }

  public int icmpCode() {
    return icmpCode;
  }

  public boolean hasIcmpIdSeq() {
    return hasIcmpIdSeq;
  }

  public int icmpId() {
    return icmpId;
  }

  public int icmpSeq() {
    return icmpSeq;
  }

  /**
   * True for an ICMPv4 destination unreachable whose quoted IPv4 header (and TCP/UDP ports) could
   * be read: the flow table then attaches it to the flow of the quoted packet, as Suricata does.
   */
  public boolean hasIcmpEmbedded() {
    return icmpEmb;
  }

  public int icmpEmbeddedProto() {
    return icmpEmbProto;
  }

  /** Quoted source address (IPv4, unsigned 32-bit value). */
  public long icmpEmbeddedSrc() {
    return icmpEmbSrc;
  }

  public long icmpEmbeddedDst() {
    return icmpEmbDst;
  }

  public int icmpEmbeddedSrcPort() {
    return icmpEmbSrcPort;
  }

  public int icmpEmbeddedDstPort() {
    return icmpEmbDstPort;
  }

  // ---- payload ----
  public int payloadOffset() {
    return payloadOffset;
  }

  public int payloadLength() {
    return payloadLength;
  }
}
