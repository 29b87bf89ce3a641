package org.vigil.decode;

import org.vigil.flow.Flow;
import org.vigil.flow.FlowPacket;

/**
 * One captured or pseudo (tunnel inner, reassembled) packet: pooled, mutable, reused; decoders fill its
 * fields, later stages read them. Valid only during the consumer callback that receives it.
 */
public final class Packet implements org.vigil.stream.TcpSegment, FlowPacket {
    public static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16, URG = 32, ECE = 64, CWR = 128;
    /** IP protocol numbers used by {@link #ipProto()}. */
    public static final int PROTO_ICMP = 1, PROTO_TCP = 6, PROTO_UDP = 17, PROTO_GRE = 47, PROTO_ESP = 50,
            PROTO_AH = 51, PROTO_ICMPV6 = 58;
    /** Bits of {@link #ipOptionMask()}: which IPv4 options were present (for the ipopts keyword). */
    public static final int IPOPT_EOL = 1, IPOPT_NOP = 2, IPOPT_RR = 4, IPOPT_TS = 8, IPOPT_SEC = 16, IPOPT_ESEC = 32,
            IPOPT_LSRR = 64, IPOPT_SSRR = 128, IPOPT_SATID = 256, IPOPT_RTRALT = 512, IPOPT_QS = 1024, IPOPT_OTHER = 2048;
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
    boolean pseudo;
    boolean reassembled;
    // layer 2
    int vlanCount;
    int layers;
    int vlan0, vlan1;
    // layer 3
    int ipVersion;
    int l3Offset;
    int ipHeaderLength;
    int ipPayloadOffset, ipPayloadLength;
    long srcHi, srcLo, dstHi, dstLo;
    int ttl, tos, ipId;
    int fragOffset;
    boolean moreFragments, dontFragment, reservedBit, fragment, ipOptions;
    int ipOptionMask;
    int tcpUrgent;
    int ipProto;
    int fragHeaderOffset;
    int fragNhFieldOffset;
    // layer 4
    int l4Offset;
    boolean l4Decoded;
    int srcPort, dstPort;
    int tcpSeq, tcpAck, tcpFlags, tcpWindow, tcpHeaderLength;
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
    // events
    final short[] events = new short[MAX_EVENTS];
    int eventCount;
    // flow
    Flow flow;
    boolean toServer;
    /** Order of the packet in a multi-threaded run (set by the reader that routes it; not reset). */
    long sequence;

    /** A packet with a frame buffer of the given capacity (grown on demand for larger frames). */
    public Packet(int capacity) { this.data = new byte[capacity]; }

    /** Clears every decoded field (the frame buffer is kept). */
    public void reset() {
        length = wireLength = 0; timestampNanos = 0; linkType = 0; pcapCnt = 0; captureName = null;
        tunnelDepth = 0; tunnelRoot = false; innerOffset = innerLength = innerKind = 0; pseudo = false; reassembled = false;
        vlanCount = vlan0 = vlan1 = 0;
        layers = 0;
        resetL3();
        eventCount = 0;
        flow = null; toServer = false;
    }

    void resetL3() {
        ipVersion = 0; l3Offset = ipHeaderLength = ipPayloadOffset = ipPayloadLength = 0;
        srcHi = srcLo = dstHi = dstLo = 0; ttl = tos = ipId = 0; fragOffset = 0;
        moreFragments = dontFragment = reservedBit = fragment = ipOptions = false; ipOptionMask = 0; tcpUrgent = 0; ipProto = 0; fragHeaderOffset = 0; fragNhFieldOffset = 0;
        l4Offset = 0; l4Decoded = false; srcPort = dstPort = 0;
        tcpSeq = tcpAck = tcpFlags = tcpWindow = tcpHeaderLength = 0;
        hasTcpTimestamp = tcpSackPermitted = tcpTfo = tcpChecksumInvalid = false; tcpTsVal = tcpTsEcr = 0; tcpWscale = -1; tcpMss = -1;
        tcpSackOffset = tcpSackBlocks = 0;
        icmpType = icmpCode = -1; icmpId = icmpSeq = 0; hasIcmpIdSeq = false;
        icmpEmb = false; icmpEmbProto = icmpEmbSrcPort = icmpEmbDstPort = 0; icmpEmbSrc = icmpEmbDst = 0;
        payloadOffset = payloadLength = 0;
    }

    /** Makes sure the frame buffer holds at least n bytes (keeps nothing). */
    public byte[] ensureCapacity(int n) {
        if (data.length < n) data = new byte[Math.max(n, data.length * 2)];
        return data;
    }

    /** Sets the raw frame (used by capture sources and tests): data must already be in {@link #data()}. */
    public void setFrame(int length, int wireLength, long timestampNanos, int linkType, long pcapCnt, String captureName) {
        this.length = length; this.wireLength = wireLength; this.timestampNanos = timestampNanos;
        this.linkType = linkType; this.pcapCnt = pcapCnt; this.captureName = captureName;
    }

    // ---- frame ----
    /** The frame buffer (valid bytes are [0, length())). */
    /**
     * Marks this packet, just filled by the defragmenter, as the reassembly of {@code fragment}'s datagram:
     * a pseudo packet at the fragment's tunnel depth and VLANs (decode it next).
     */
    public void markReassemblyOf(Packet fragment) {
        reassembled = true;
        tunnelDepth = fragment.tunnelDepth;
        pseudo = true;
        vlanCount = fragment.vlanCount;
        vlan0 = fragment.vlan0;
        vlan1 = fragment.vlan1;
    }

    /** Fills this packet with the inner packet of tunnel root {@code outer}, one tunnel deeper (decode it next). */
    public void fillInnerOf(Packet outer) {
        byte[] d = ensureCapacity(outer.innerLength);
        System.arraycopy(outer.data, outer.innerOffset, d, 0, outer.innerLength);
        setFrame(outer.innerLength, outer.innerLength, outer.timestampNanos, outer.innerKind, 0, outer.captureName);
        tunnelDepth = outer.tunnelDepth + 1;
        pseudo = true;
    }

    public byte[] data() { return data; }
    /** Captured bytes of the frame. */
    public int length() { return length; }
    /** Original length on the wire (may exceed length() when the capture was truncated by snaplen). */
    public int wireLength() { return wireLength; }
    public long timestampNanos() { return timestampNanos; }
    /** The pcap link type (DLT) the frame was decoded with. */
    public int linkType() { return linkType; }
    /** 1-based record number in its capture (Suricata's pcap_cnt); 0 for pseudo packets (null in EVE). */
    public long pcapCnt() { return pcapCnt; }
    public boolean hasPcapCnt() { return pcapCnt > 0; }
    /** File name of the capture this packet came from. */
    public String captureName() { return captureName; }
    /** 0 for a captured packet, n for a packet decapsulated from n tunnel layers. */
    public int tunnelDepth() { return tunnelDepth; }
    /** True when this packet carried a tunnel whose inner packet is processed as its own packet. */
    public boolean isTunnelRoot() { return tunnelRoot; }
    /** True for packets that are not one pcap record: tunnel inner packets and reassembled datagrams. */
    public boolean isPseudo() { return pseudo; }
    /** True for a datagram rebuilt by IP defragmentation. */
    public boolean isReassembled() { return reassembled; }
    public int vlanCount() { return vlanCount; }
    /** Outer VLAN id (0 when none). */
    public int vlanId0() { return vlan0; }
    /** Inner VLAN id (0 when none). */
    public int vlanId1() { return vlan1; }

    // ---- IP ----
    /** 4, 6, or 0 when no IP layer was decoded. */
    public int ipVersion() { return ipVersion; }
    public boolean isIpv4() { return ipVersion == 4; }
    public boolean isIpv6() { return ipVersion == 6; }
    public int l3Offset() { return l3Offset; }
    /** IPv4 header length, or IPv6 header plus extension headers. */
    public int ipHeaderLength() { return ipHeaderLength; }
    public int ipPayloadOffset() { return ipPayloadOffset; }
    public int ipPayloadLength() { return ipPayloadLength; }
    /** Upper 64 bits of the source address (0 for IPv4). */
    public long srcHi() { return srcHi; }
    /** Lower 64 bits of the source address (the IPv4 address as an unsigned 32-bit value for IPv4). */
    public long srcLo() { return srcLo; }
    public long dstHi() { return dstHi; }
    public long dstLo() { return dstLo; }
    /** IPv4 source as an int (network order value). */
    public int srcIpv4() { return (int) srcLo; }
    public int dstIpv4() { return (int) dstLo; }
    public String srcAddress() { return IpAddresses.format(ipVersion, srcHi, srcLo); }
    public String dstAddress() { return IpAddresses.format(ipVersion, dstHi, dstLo); }
    /** Source as Suricata's EVE writes it (IPv6 uncompressed, e.g. 2001:0db8:0000:...). */
    public String srcAddressEve() { return IpAddresses.formatEve(ipVersion, srcHi, srcLo); }
    public String dstAddressEve() { return IpAddresses.formatEve(ipVersion, dstHi, dstLo); }
    /** TTL (IPv4) or hop limit (IPv6). */
    public int ttl() { return ttl; }
    /** TOS (IPv4) or traffic class (IPv6). */
    public int tos() { return tos; }
    /** IPv4 id, or the IPv6 fragment header identification. */
    public int ipId() { return ipId; }
    /** Fragment offset in bytes. */
    public int fragOffset() { return fragOffset; }
    public boolean moreFragments() { return moreFragments; }
    public boolean dontFragment() { return dontFragment; }
    /** The IPv4 reserved ("evil") flag bit (fragbits R). */
    public boolean reservedBit() { return reservedBit; }
    /** IPOPT_* bits of the IPv4 options present (0 when none). */
    public int ipOptionMask() { return ipOptionMask; }
    /** True when this packet is an IP fragment (its layer 4 is not decoded). */
    public boolean isFragment() { return fragment; }
    public boolean hasIpOptions() { return ipOptions; }
    /** IPv6: offset of the fragment header (0 when none). */
    public int fragHeaderOffset() { return fragHeaderOffset; }
    /** IPv6: offset of the next-header byte that names the fragment header (in the IPv6 header or the previous extension). */
    public int fragNextHeaderFieldOffset() { return fragNhFieldOffset; }
    /** Layer-4 protocol number (after IPv6 extension headers). */
    public int ipProto() { return ipProto; }

    // ---- layer 4 ----
    public int l4Offset() { return l4Offset; }
    public boolean isTcp() { return l4Decoded && ipProto == PROTO_TCP; }
    public boolean isUdp() { return l4Decoded && ipProto == PROTO_UDP; }
    public boolean isIcmpv4() { return l4Decoded && ipProto == PROTO_ICMP; }
    public boolean isIcmpv6() { return l4Decoded && ipProto == PROTO_ICMPV6; }
    /** True when the layer-4 header (TCP, UDP, ICMP) was decoded completely. */
    public boolean hasL4() { return l4Decoded; }
    public int srcPort() { return srcPort; }
    public int dstPort() { return dstPort; }
    public int tcpSeq() { return tcpSeq; }
    public int tcpAck() { return tcpAck; }
    public int tcpFlags() { return tcpFlags; }
    /** Raw, unscaled window. */
    public int tcpWindow() { return tcpWindow; }
    public int tcpHeaderLength() { return tcpHeaderLength; }
    /** TCP urgent pointer. */
    public int tcpUrgentPointer() { return tcpUrgent; }
    public boolean hasTcpTimestamp() { return hasTcpTimestamp; }
    public long tcpTsVal() { return tcpTsVal; }
    public long tcpTsEcr() { return tcpTsEcr; }
    /** Window scale shift, -1 if absent. */
    public int tcpWscale() { return tcpWscale; }
    /** MSS option, -1 if absent. */
    public int tcpMss() { return tcpMss; }
    public boolean tcpSackPermitted() { return tcpSackPermitted; }
    /** True when a TCP Fast Open option was present. */
    public boolean tcpTfo() { return tcpTfo; }
    /** The TCP checksum was validated ({@code checksums.validate}) and is wrong (set whatever the event table holds). */
    public boolean tcpChecksumInvalid() { return tcpChecksumInvalid; }
    /** Number of SACK blocks in the SACK option (0 if absent). */
    public int tcpSackBlocks() { return tcpSackBlocks; }
    /** Left edge of SACK block i. */
    public int tcpSackLeft(int i) { return Bytes.u32(data, tcpSackOffset + 8 * i); }
    /** Right edge of SACK block i. */
    public int tcpSackRight(int i) { return Bytes.u32(data, tcpSackOffset + 8 * i + 4); }
    /** ICMP type, -1 when not ICMP. */
    public int icmpType() { return icmpType; }
    public int icmpCode() { return icmpCode; }
    public boolean hasIcmpIdSeq() { return hasIcmpIdSeq; }
    public int icmpId() { return icmpId; }
    public int icmpSeq() { return icmpSeq; }
    /**
     * True for an ICMPv4 destination unreachable whose quoted IPv4 header (and TCP/UDP ports) could be read: the
     * flow table then attaches it to the flow of the quoted packet, as Suricata does.
     */
    public boolean hasIcmpEmbedded() { return icmpEmb; }
    public int icmpEmbeddedProto() { return icmpEmbProto; }
    /** Quoted source address (IPv4, unsigned 32-bit value). */
    public long icmpEmbeddedSrc() { return icmpEmbSrc; }
    public long icmpEmbeddedDst() { return icmpEmbDst; }
    public int icmpEmbeddedSrcPort() { return icmpEmbSrcPort; }
    public int icmpEmbeddedDstPort() { return icmpEmbDstPort; }
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }

    // ---- events ----
    public int eventCount() { return eventCount; }
    public DecodeEvent event(int i) { return DecodeEvent.of(events[i]); }
    public boolean hasEvent(DecodeEvent e) {
        for (int i = 0; i < eventCount; i++) if (events[i] == e.ordinal()) return true;
        return false;
    }
    /** Records an event on the packet; returns false when it was already there (counted once per packet). */
    boolean addEvent(DecodeEvent e) {
        if (hasEvent(e)) return false;
        if (eventCount < MAX_EVENTS) events[eventCount++] = (short) e.ordinal();
        return true;
    }

    /** The packet's order in a multi-threaded run, as its reader numbered it (0 elsewhere). */
    public long sequence() { return sequence; }
    /** Numbers the packet in the order its reader routed it. */
    public void setSequence(long sequence) { this.sequence = sequence; }

    // ---- flow ----
    /** The flow this packet belongs to, or null (fragments, non-IP, no layer 4 ports). */
    public Flow flow() { return flow; }
    public void setFlow(Flow flow, boolean toServer) { this.flow = flow; this.toServer = toServer; }
    /** Sent by the flow's client (the sender of its first packet). */
    public boolean toServer() { return toServer; }
    public boolean toClient() { return flow != null && !toServer; }

    /**
     * Turns this (reset) packet into a pseudo packet of a flow, e.g. for data flushed by the stream engine at flow
     * end: addresses, ports, protocol and VLANs come from the flow (swapped for the to-client direction), the
     * record number is 0 (null in EVE), and the payload is set with {@link #setPayload}.
     */
    public void initPseudo(Flow f, boolean toServer, long timestampNanos, String captureName) {
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
            srcHi = f.clientHi(); srcLo = f.clientLo(); srcPort = f.clientPort();
            dstHi = f.serverHi(); dstLo = f.serverLo(); dstPort = f.serverPort();
        } else {
            srcHi = f.serverHi(); srcLo = f.serverLo(); srcPort = f.serverPort();
            dstHi = f.clientHi(); dstLo = f.clientLo(); dstPort = f.clientPort();
        }
        this.l4Decoded = ipProto == PROTO_TCP || ipProto == PROTO_UDP || ipProto == PROTO_ICMP || ipProto == PROTO_ICMPV6;
        this.flow = f;
        this.toServer = toServer;
    }

    /**
     * Makes this packet a copy of {@code o} (frame bytes and every decoded field, flow excluded): how a packet
     * is handed to another thread, whose pool this packet comes from, while {@code o} is reused by its owner.
     */
    public void copyFrom(Packet o) {
        byte[] d = ensureCapacity(o.length);
        System.arraycopy(o.data, 0, d, 0, o.length);
        length = o.length; wireLength = o.wireLength; timestampNanos = o.timestampNanos; linkType = o.linkType;
        pcapCnt = o.pcapCnt; captureName = o.captureName;
        tunnelDepth = o.tunnelDepth; tunnelRoot = o.tunnelRoot; innerOffset = o.innerOffset; innerLength = o.innerLength;
        innerKind = o.innerKind; pseudo = o.pseudo; reassembled = o.reassembled;
        vlanCount = o.vlanCount; layers = o.layers; vlan0 = o.vlan0; vlan1 = o.vlan1;
        ipVersion = o.ipVersion; l3Offset = o.l3Offset; ipHeaderLength = o.ipHeaderLength;
        ipPayloadOffset = o.ipPayloadOffset; ipPayloadLength = o.ipPayloadLength;
        srcHi = o.srcHi; srcLo = o.srcLo; dstHi = o.dstHi; dstLo = o.dstLo; ttl = o.ttl; tos = o.tos; ipId = o.ipId;
        fragOffset = o.fragOffset; moreFragments = o.moreFragments; dontFragment = o.dontFragment;
        reservedBit = o.reservedBit; fragment = o.fragment; ipOptions = o.ipOptions; ipOptionMask = o.ipOptionMask;
        tcpUrgent = o.tcpUrgent; ipProto = o.ipProto; fragHeaderOffset = o.fragHeaderOffset;
        fragNhFieldOffset = o.fragNhFieldOffset;
        l4Offset = o.l4Offset; l4Decoded = o.l4Decoded; srcPort = o.srcPort; dstPort = o.dstPort;
        tcpSeq = o.tcpSeq; tcpAck = o.tcpAck; tcpFlags = o.tcpFlags; tcpWindow = o.tcpWindow;
        tcpHeaderLength = o.tcpHeaderLength; hasTcpTimestamp = o.hasTcpTimestamp; tcpSackPermitted = o.tcpSackPermitted;
        tcpTfo = o.tcpTfo; tcpChecksumInvalid = o.tcpChecksumInvalid; tcpTsVal = o.tcpTsVal; tcpTsEcr = o.tcpTsEcr; tcpWscale = o.tcpWscale; tcpMss = o.tcpMss;
        tcpSackOffset = o.tcpSackOffset; tcpSackBlocks = o.tcpSackBlocks;
        icmpType = o.icmpType; icmpCode = o.icmpCode; icmpId = o.icmpId; icmpSeq = o.icmpSeq;
        hasIcmpIdSeq = o.hasIcmpIdSeq; icmpEmb = o.icmpEmb; icmpEmbProto = o.icmpEmbProto;
        icmpEmbSrcPort = o.icmpEmbSrcPort; icmpEmbDstPort = o.icmpEmbDstPort; icmpEmbSrc = o.icmpEmbSrc;
        icmpEmbDst = o.icmpEmbDst; payloadOffset = o.payloadOffset; payloadLength = o.payloadLength;
        System.arraycopy(o.events, 0, events, 0, o.eventCount);
        eventCount = o.eventCount;
        flow = null; toServer = false;
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
        return "Packet[" + captureName + "#" + pcapCnt + " v" + ipVersion + " proto " + ipProto + " "
                + (ipVersion != 0 ? srcAddress() + ":" + srcPort + " -> " + dstAddress() + ":" + dstPort : "") + "]";
    }
}
