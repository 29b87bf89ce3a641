package org.vigil.detect.api;

import java.util.Arrays;

/**
 * Everything generated rule code may read for one inspection: the buffers by id, the packet's
 * header fields, the flow's direction and state, its flowbits and stream sizes. The runtime owns
 * one per detect thread, refills it for every inspection (packet, raw stream chunk, HTTP
 * transaction) and never allocates per packet. Fields are public so generated code reads them with
 * one {@code getfield}.
 */
public final class InspectionContext {
  /** Flow direction and state bits for {@link #flowFlags}. */
  public static final int FLOW_TO_SERVER = 1;

  public static final int FLOW_TO_CLIENT = 2;
  public static final int FLOW_ESTABLISHED = 4;

  /** Set when the packet belongs to a tracked flow that is not yet established. */
  public static final int FLOW_NOT_ESTABLISHED = 8;

  // ---- buffers
  /** Buffer bytes by {@link Buffers} id; a slot is absent when {@code len[id] < 0}. */
  public final byte[][] data = new byte[Buffers.COUNT][];

  public final int[] off = new int[Buffers.COUNT];
  public final int[] len = new int[Buffers.COUNT];

  /**
   * True when {@link Buffers#PAYLOAD} holds a reassembled stream chunk instead of one packet's
   * payload.
   */
  public boolean streamChunk;

  /**
   * The packet's own payload, which asn1 decodes whatever the inspected buffer is (a stream chunk
   * too, as in Suricata); {@code packetLen} is 0 when the inspection has no packet payload.
   */
  public byte[] packetData;

  public int packetOff;
  public int packetLen;

  // ---- IP header
  /** 4 or 6; 0 when the inspection has no IP packet (e.g. a pure HTTP transaction replay). */
  public int ipVersion;

  /** Source and destination addresses: 4 bytes used for IPv4, 16 for IPv6. */
  public final byte[] srcIp = new byte[16];

  public final byte[] dstIp = new byte[16];

  /** IP protocol number of the transport header (6 tcp, 17 udp, 1 icmp, 58 icmpv6). */
  public int ipProto;

  public int ttl;
  public int tos;
  public int ipId;

  /** IPv4 flag bits as in the header: 4 = reserved, 2 = DF, 1 = MF. */
  public int ipFlags;

  /** IPv4 fragment offset field (units of 8 bytes). */
  public int fragOffset;

  /** Bit set of IP options present, bits from {@link IpOptions}. */
  public int ipOptions;

  /** True when the packet was reassembled from IP fragments (flow:only_frag / no_frag). */
  public boolean fragmented;

  // ---- transport
  public int srcPort;
  public int dstPort;

  /** TCP flags byte (FIN 0x01 ... CWR 0x80). */
  public int tcpFlags;

  /** TCP sequence and ack numbers as unsigned 32-bit values. */
  public long tcpSeq;

  public long tcpAck;
  public int tcpWindow;

  /** ICMP fields; -1 when absent (icmp_id/icmp_seq only exist for echo-like messages). */
  public int icmpType = -1;

  public int icmpCode = -1;
  public int icmpId = -1;
  public int icmpSeq = -1;

  /** Payload size of the current packet (dsize); -1 when the inspection is not a packet. */
  public int dsize = -1;

  // ---- flow
  /** {@code FLOW_*} bits; 0 when the packet has no flow. */
  public int flowFlags;

  /** The flow's app-layer protocol, an {@link AppProtos} id ({@code UNKNOWN} until detected). */
  public int appProto;

  /** The flow's flowbits, or null for a packet without a flow. */
  public FlowBits flowbits;

  /** The run's xbits (per host and host pair), set by the detector for each inspection. */
  public HostBits hostBits;

  /** The packet time of the inspection, in microseconds (xbits expiry). */
  public long timeMicros;

  /** Bytes sent by client and server so far on the TCP session (stream_size). */
  public long streamClientBytes;

  public long streamServerBytes;

  /**
   * Scratch space for base64_decode output (decoded by rule code, read as {@link
   * Buffers#BASE64_DATA}).
   */
  public byte[] base64Scratch = new byte[0];

  /** Creates an empty context: every buffer absent. */
  public InspectionContext() {
    clearBuffers();
  }

  /** Marks every buffer absent. */
  public void clearBuffers() {
    Arrays.fill(len, -1);
    Arrays.fill(data, null);
    streamChunk = false;
  }

  /** Puts {@code length} bytes of {@code bytes} starting at {@code offset} in slot {@code id}. */
  public void setBuffer(int id, byte[] bytes, int offset, int length) {
    data[id] = bytes;
    off[id] = offset;
    len[id] = length;
  }

  /** Sets the packet's own payload ({@link #packetData}). */
  public void setPacketPayload(byte[] bytes, int offset, int length) {
    packetData = bytes;
    packetOff = offset;
    packetLen = length;
  }

  /** True when slot {@code id} holds a buffer (possibly empty). */
  public boolean has(int id) {
    return len[id] >= 0;
  }

  /** Sets an IPv4 source and destination from network-order ints. */
  public void setIpv4(int src, int dst) {
    ipVersion = 4;
    putInt(srcIp, src);
    putInt(dstIp, dst);
  }

  private static void putInt(byte[] a, int v) {
    a[0] = (byte) (v >>> 24);
    a[1] = (byte) (v >>> 16);
    a[2] = (byte) (v >>> 8);
    a[3] = (byte) v;
  }

  /** Resets header, flow and buffers to "nothing known". */
  public void reset() {
    clearBuffers();
    ipVersion = 0;
    ipProto = 0;
    ttl = tos = ipId = ipFlags = fragOffset = ipOptions = 0;
    fragmented = false;
    srcPort = dstPort = 0;
    tcpFlags = 0;
    tcpSeq = tcpAck = 0;
    tcpWindow = 0;
    icmpType = icmpCode = icmpId = icmpSeq = -1;
    dsize = -1;
    flowFlags = 0;
    appProto = AppProtos.UNKNOWN;
    flowbits = null;
    streamClientBytes = streamServerBytes = 0;
    setPacketPayload(null, 0, 0);
  }
}
