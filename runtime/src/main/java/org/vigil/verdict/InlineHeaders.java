package org.vigil.verdict;

import java.nio.ByteBuffer;

/**
 * Minimal, reusable parse of the IPv4/IPv6 and TCP/UDP/ICMP headers of a raw IP packet, just what the
 * verdict module needs: the flow key and the fields to build a reset or an unreachable. Not a decoder:
 * it checks lengths and nothing else. {@link #parse} returns false for anything it cannot key.
 */
public final class InlineHeaders {

  /** IP protocol numbers used here. */
  public static final int TCP = 6, UDP = 17, ICMP = 1, ICMPV6 = 58, SCTP = 132;

  private ByteBuffer buf;
  private int ipOffset;
  private int ipLength;
  private int version;
  private int protocol;
  private int l4Offset;
  private boolean firstFragment;
  private boolean hasPorts;
  private long srcHi, srcLo, dstHi, dstLo;
  private int srcPort, dstPort;

  /**
   * Parses the packet {@code buf[offset, offset+length)}; returns false when it is too short, not IP,
   * or inconsistent. Non-first fragments parse (ports 0, {@link #firstFragment()} false).
   */
  public boolean parse(ByteBuffer buf, int offset, int length) {
    if (buf.order() != java.nio.ByteOrder.BIG_ENDIAN) {
      throw new IllegalArgumentException("InlineHeaders needs a big-endian buffer");
    }
    this.buf = buf;
    this.ipOffset = offset;
    this.hasPorts = false;
    this.srcPort = 0;
    this.dstPort = 0;
    if (length < 1) return false;
    version = (buf.get(offset) & 0xff) >>> 4;
    if (version == 4) return parse4(offset, length);
    if (version == 6) return parse6(offset, length);
    return false;
  }

  private boolean parse4(int off, int len) {
    if (len < 20) return false;
    int ihl = (buf.get(off) & 0x0f) * 4;
    int total = buf.getShort(off + 2) & 0xffff;
    if (ihl < 20 || total < ihl || total > len) return false;
    ipLength = total;
    protocol = buf.get(off + 9) & 0xff;
    int fragOff = buf.getShort(off + 6) & 0x1fff;
    firstFragment = fragOff == 0;
    srcHi = 0;
    srcLo = buf.getInt(off + 12) & 0xffffffffL;
    dstHi = 0;
    dstLo = buf.getInt(off + 16) & 0xffffffffL;
    l4Offset = off + ihl;
    readPorts();
    return true;
  }

  private boolean parse6(int off, int len) {
    if (len < 40) return false;
    int plen = buf.getShort(off + 4) & 0xffff;
    if (40 + plen > len) return false;
    ipLength = 40 + plen;
    int end = off + ipLength;
    srcHi = buf.getLong(off + 8);
    srcLo = buf.getLong(off + 16);
    dstHi = buf.getLong(off + 24);
    dstLo = buf.getLong(off + 32);
    int next = buf.get(off + 6) & 0xff;
    int p = off + 40;
    firstFragment = true;
    for (int guard = 0; guard < 8; guard++) {
      switch (next) {
        case 0, 43, 60 -> { // hop-by-hop, routing, destination options
          if (p + 8 > end) return false;
          int hl = ((buf.get(p + 1) & 0xff) + 1) * 8;
          next = buf.get(p) & 0xff;
          p += hl;
        }
        case 44 -> { // fragment
          if (p + 8 > end) return false;
          firstFragment = ((buf.getShort(p + 2) & 0xfff8) >>> 3) == 0;
          next = buf.get(p) & 0xff;
          p += 8;
        }
        default -> {
          if (p > end) return false;
          protocol = next;
          l4Offset = p;
          readPorts();
          return true;
        }
      }
    }
    return false;
  }

  private void readPorts() {
    int end = ipOffset + ipLength;
    if (firstFragment && (protocol == TCP || protocol == UDP || protocol == SCTP) && l4Offset + 4 <= end) {
      srcPort = buf.getShort(l4Offset) & 0xffff;
      dstPort = buf.getShort(l4Offset + 2) & 0xffff;
      hasPorts = true;
    }
  }

  /** The direction-independent 5-tuple of the parsed packet. */
  public FlowKey flowKey() {
    return FlowKey.of(version, protocol, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
  }

  /**
   * Writes the same direction-independent key as {@link #flowKey()} into {@code out[0..5)} without
   * allocating: the lower endpoint's address halves, the higher's, then ports, protocol and version.
   */
  void flowKeyInto(long[] out) {
    FlowKey.canonical(version, protocol, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, out);
  }

  /** 4 or 6. */
  public int version() { return version; }
  /** The transport protocol number (after IPv6 extension headers). */
  public int protocol() { return protocol; }
  /** Offset of the IP header in the buffer. */
  public int ipOffset() { return ipOffset; }
  /** Bytes of the IP packet according to its own length field. */
  public int ipLength() { return ipLength; }
  /** Offset of the transport header in the buffer. */
  public int l4Offset() { return l4Offset; }
  /** Bytes from the transport header to the end of the IP packet. */
  public int l4Length() { return ipOffset + ipLength - l4Offset; }
  /** False for a non-first fragment (no transport header in it). */
  public boolean firstFragment() { return firstFragment; }
  /** True when source and destination ports were read. */
  public boolean hasPorts() { return hasPorts; }
  /** True when the full 20-byte TCP header is present. */
  public boolean hasTcpHeader() {
    return protocol == TCP && firstFragment && l4Length() >= 20
        && ((buf.get(l4Offset + 12) & 0xff) >>> 4) * 4 >= 20
        && ((buf.get(l4Offset + 12) & 0xff) >>> 4) * 4 <= l4Length();
  }
  /** TCP sequence number (valid when {@link #hasTcpHeader()}). */
  public long tcpSeq() { return buf.getInt(l4Offset + 4) & 0xffffffffL; }
  /** TCP acknowledgment number. */
  public long tcpAck() { return buf.getInt(l4Offset + 8) & 0xffffffffL; }
  /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10). */
  public int tcpFlags() { return buf.get(l4Offset + 13) & 0xff; }
  /** TCP payload bytes. */
  public int tcpPayloadLength() { return l4Length() - ((buf.get(l4Offset + 12) & 0xff) >>> 4) * 4; }
  /** Source port. */
  public int srcPort() { return srcPort; }
  /** Destination port. */
  public int dstPort() { return dstPort; }
  /** The buffer last parsed. */
  public ByteBuffer buffer() { return buf; }
}
