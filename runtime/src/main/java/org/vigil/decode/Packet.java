package org.vigil.decode;

import org.vigil.flow.Flow;
import org.vigil.flow.FlowPacket;

/**
 * One captured or pseudo (tunnel inner, reassembled) packet: pooled, mutable, reused; decoders fill
 * its fields, later stages read them. Valid only during the consumer callback that receives it.
 */
public final class Packet extends TransportHeaders
    implements org.vigil.stream.TcpSegment, FlowPacket {
  private static final int MAX_EVENTS = 16;

  // frame
  byte[] data;
  int length;
  int wireLength;
  long timestampNanos;
  int linkType;
  long pcapCnt;
  String captureName;
  // tunnels
  int tunnelDepth;
  boolean tunnelRoot;
  int innerOffset, innerLength, innerKind;

  /** The outermost packet of a tunnel inner packet (valid while {@link #tunnelDepth} > 0). */
  private final TunnelRoot root = new TunnelRoot();

  /** Where this packet came from as Suricata's EVE {@code pkt_src} says it; see {@link #pktSrc}. */
  String pktSrc;

  boolean pseudo;
  boolean reassembled;
  // events
  final short[] events = new short[MAX_EVENTS];
  int eventCount;
  // flow
  Flow flow;
  boolean toServer;

  /** Order of the packet in a multi-threaded run (set by the reader that routes it; not reset). */
  long sequence;

  /** A packet with a frame buffer of the given capacity (grown on demand for larger frames). */
  public Packet(int capacity) {
    this.data = new byte[capacity];
  }

  /** Clears every decoded field (the frame buffer is kept). */
  public void reset() {
    length = wireLength = 0;
    timestampNanos = 0;
    linkType = 0;
    pcapCnt = 0;
    captureName = null;
    tunnelDepth = 0;
    tunnelRoot = false;
    root.clear();
    innerOffset = innerLength = innerKind = 0;
    pktSrc = null;
    pseudo = false;
    reassembled = false;
    resetLink();
    resetIp();
    resetTransport();
    eventCount = 0;
    flow = null;
    toServer = false;
  }

  /** Makes sure the frame buffer holds at least n bytes (keeps nothing). */
  public byte[] ensureCapacity(int n) {
    if (data.length < n) data = new byte[Math.max(n, data.length * 2)];
    return data;
  }

  /**
   * Drops a frame buffer grown beyond {@code capacity} for one of that size (keeps nothing): a
   * pooled packet that once held a jumbo or reassembled frame does not keep its size for good.
   */
  public void trimTo(int capacity) {
    if (data.length > capacity) data = new byte[capacity];
  }

  /**
   * Sets the raw frame (used by capture sources and tests): data must already be in {@link
   * #data()}.
   */
  public void setFrame(
      int length,
      int wireLength,
      long timestampNanos,
      int linkType,
      long pcapCnt,
      String captureName) {
    this.length = length;
    this.wireLength = wireLength;
    this.timestampNanos = timestampNanos;
    this.linkType = linkType;
    this.pcapCnt = pcapCnt;
    this.captureName = captureName;
  }

  /**
   * Marks this packet, just filled by the defragmenter, as the reassembly of {@code fragment}'s
   * datagram: a pseudo packet at the fragment's tunnel depth and VLANs (decode it next).
   */
  public void markReassemblyOf(Packet fragment) {
    reassembled = true;
    tunnelDepth = fragment.tunnelDepth;
    if (tunnelDepth > 0) {
      root.copy(fragment.root);
    }
    pseudo = true;
    vlanCount = fragment.vlanCount;
    vlan0 = fragment.vlan0;
    vlan1 = fragment.vlan1;
  }

  /**
   * Fills this packet with the inner packet of tunnel root {@code outer}, one tunnel deeper (decode
   * it next).
   */
  public void fillInnerOf(Packet outer) {
    root.rootOf(outer);
    byte[] d = ensureCapacity(outer.innerLength);
    System.arraycopy(outer.data, outer.innerOffset, d, 0, outer.innerLength);
    setFrame(
        outer.innerLength,
        outer.innerLength,
        outer.timestampNanos,
        outer.innerKind,
        0,
        outer.captureName);
    tunnelDepth = outer.tunnelDepth + 1;
    pseudo = true;
    pktSrc = tunnelSource(outer);
  }

  /** Suricata's name for how the inner packet of tunnel root {@code outer} was carried. */
  private static String tunnelSource(Packet outer) {
    return switch (outer.ipProto) {
      case 47 -> "gre tunnel";
      case 4 -> "ipv4 tunnel";
      case 41 -> "ipv6 tunnel";
      case PROTO_UDP ->
          switch (outer.dstPort) {
            case 4789 -> "vxlan encapsulation";
            case 6081 -> "geneve encapsulation";
            default -> "teredo tunnel";
          };
      default -> "wire/pcap";
    };
  }

  /**
   * EVE's {@code pkt_src}: {@code wire/pcap} for a captured frame, the tunnel ({@code gre tunnel},
   * {@code vxlan encapsulation}, …) for an inner packet, {@code defrag} for a reassembled datagram,
   * {@code stream (flow timeout)} for a flow's end pseudo packet.
   */
  public String pktSrc() {
    if (pktSrc != null) {
      return pktSrc;
    }
    return reassembled ? "defrag" : "wire/pcap";
  }

  // ---- frame ----
  /** The frame buffer (valid bytes are [0, length())). */
  public byte[] data() {
    return data;
  }

  /** Captured bytes of the frame. */
  public int length() {
    return length;
  }

  /**
   * Original length on the wire (may exceed length() when the capture was truncated by snaplen).
   */
  public int wireLength() {
    return wireLength;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  /** The pcap link type (DLT) the frame was decoded with. */
  public int linkType() {
    return linkType;
  }

  /**
   * 1-based record number in its capture (Suricata's pcap_cnt); 0 for pseudo packets (null in EVE).
   */
  public long pcapCnt() {
    return pcapCnt;
  }

  public boolean hasPcapCnt() {
    return pcapCnt > 0;
  }

  /** File name of the capture this packet came from. */
  public String captureName() {
    return captureName;
  }

  /** 0 for a captured packet, n for a packet decapsulated from n tunnel layers. */
  public int tunnelDepth() {
    return tunnelDepth;
  }

  /**
   * The outermost packet that carried this tunnel inner packet (meaningful only when {@link
   * #tunnelDepth()} is above 0).
   */
  public TunnelRoot tunnelRoot() {
    return root;
  }

  /** True when this packet carried a tunnel whose inner packet is processed as its own packet. */
  public boolean isTunnelRoot() {
    return tunnelRoot;
  }

  /**
   * True for packets that are not one pcap record: tunnel inner packets and reassembled datagrams.
   */
  public boolean isPseudo() {
    return pseudo;
  }

  /** True for a datagram rebuilt by IP defragmentation. */
  public boolean isReassembled() {
    return reassembled;
  }

  // ---- TCP SACK blocks (read from the frame) ----
  /** Left edge of SACK block i. */
  public int tcpSackLeft(int i) {
    return Bytes.u32(data, tcpSackOffset + 8 * i);
  }

  /** Right edge of SACK block i. */
  public int tcpSackRight(int i) {
    return Bytes.u32(data, tcpSackOffset + 8 * i + 4);
  }

  // ---- events ----
  public int eventCount() {
    return eventCount;
  }

  public DecodeEvent event(int i) {
    return DecodeEvent.of(events[i]);
  }

  public boolean hasEvent(DecodeEvent e) {
    for (int i = 0; i < eventCount; i++) if (events[i] == e.ordinal()) return true;
    return false;
  }

  /**
   * Records an event on the packet; returns false when it was already there (counted once per
   * packet).
   */
  boolean addEvent(DecodeEvent e) {
    if (hasEvent(e)) return false;
    if (eventCount < MAX_EVENTS) events[eventCount++] = (short) e.ordinal();
    return true;
  }

  /** The packet's order in a multi-threaded run, as its reader numbered it (0 elsewhere). */
  public long sequence() {
    return sequence;
  }

  /** Numbers the packet in the order its reader routed it. */
  public void setSequence(long sequence) {
    this.sequence = sequence;
  }

  // ---- flow ----
  /** The flow this packet belongs to, or null (fragments, non-IP, no layer 4 ports). */
  public Flow flow() {
    return flow;
  }

  public void setFlow(Flow flow, boolean toServer) {
    this.flow = flow;
    this.toServer = toServer;
  }

  /** Sent by the flow's client (the sender of its first packet). */
  public boolean toServer() {
    return toServer;
  }

  public boolean toClient() {
    return flow != null && !toServer;
  }

  /**
   * Turns this (reset) packet into a pseudo packet of a flow, e.g. for data flushed by the stream
   * engine at flow end: addresses, ports, protocol and VLANs come from the flow (swapped for the
   * to-client direction), the record number is 0 (null in EVE), and the payload is set with {@link
   * #setPayload}.
   */
  public void initPseudo(Flow f, boolean toServer, long timestampNanos, String captureName) {
    this.pktSrc = "stream (flow timeout)";
    this.timestampNanos = timestampNanos;
    this.captureName = captureName;
    this.pcapCnt = 0;
    this.pseudo = true;
    this.ipVersion = f.ipVersion();
    this.ipProto = f.proto();
    this.vlan0 = f.vlanId0();
    this.vlan1 = f.vlanId1();
    this.vlanCount = (vlan0 != 0 ? 1 : 0) + (vlan1 != 0 ? 1 : 0);
    this.tunnelDepth = f.tunnelDepth();
    if (toServer) {
      srcHi = f.clientHi();
      srcLo = f.clientLo();
      srcPort = f.clientPort();
      dstHi = f.serverHi();
      dstLo = f.serverLo();
      dstPort = f.serverPort();
    } else {
      srcHi = f.serverHi();
      srcLo = f.serverLo();
      srcPort = f.serverPort();
      dstHi = f.clientHi();
      dstLo = f.clientLo();
      dstPort = f.clientPort();
    }
    this.l4Decoded =
        ipProto == PROTO_TCP
            || ipProto == PROTO_UDP
            || ipProto == PROTO_ICMP
            || ipProto == PROTO_ICMPV6;
    this.flow = f;
    this.toServer = toServer;
  }

  /**
   * Makes this packet a copy of {@code o} (frame bytes and every decoded field, flow excluded): how
   * a packet is handed to another thread, whose pool this packet comes from, while {@code o} is
   * reused by its owner.
   */
  public void copyFrom(Packet o) {
    byte[] d = ensureCapacity(o.length);
    System.arraycopy(o.data, 0, d, 0, o.length);
    length = o.length;
    wireLength = o.wireLength;
    timestampNanos = o.timestampNanos;
    linkType = o.linkType;
    pcapCnt = o.pcapCnt;
    captureName = o.captureName;
    tunnelDepth = o.tunnelDepth;
    tunnelRoot = o.tunnelRoot;
    root.copy(o.root);
    innerOffset = o.innerOffset;
    innerLength = o.innerLength;
    innerKind = o.innerKind;
    pktSrc = o.pktSrc;
    pseudo = o.pseudo;
    reassembled = o.reassembled;
    copyLinkAndIpFrom(o);
    copyTransportFrom(o);
    System.arraycopy(o.events, 0, events, 0, o.eventCount);
    eventCount = o.eventCount;
    flow = null;
    toServer = false;
  }

  /** Copies bytes in as this packet's payload (frame = payload) — for pseudo packets. */
  public void setPayload(byte[] src, int off, int len) {
    byte[] d = ensureCapacity(len);
    System.arraycopy(src, off, d, 0, len);
    this.length = len;
    this.wireLength = len;
    this.payloadOffset = 0;
    this.payloadLength = len;
  }

  @Override
  public String toString() {
    return "Packet["
        + captureName
        + "#"
        + pcapCnt
        + " v"
        + ipVersion
        + " proto "
        + ipProto
        + " "
        + (ipVersion != 0
            ? srcAddress() + ":" + srcPort + " -> " + dstAddress() + ":" + dstPort
            : "")
        + "]";
  }
}
