package org.vigil.acquire.nfq;

import java.nio.ByteBuffer;

/**
 * One packet handed out by the NFQUEUE source: the IP packet bytes (a window on the receive buffer)
 * and the kernel's metadata. Reused for every packet; valid only during {@link
 * PacketHandler#onPacket}.
 */
public final class NfqPacket {

  ByteBuffer buffer;
  int queue;
  int id;
  int hwProtocol;
  int hook;
  int mark;
  boolean hasMark;
  int inIfindex;
  int outIfindex;
  long timestampSeconds = -1;
  long timestampMicros;
  int payloadOffset;
  int payloadLength;
  int capturedLength;
  boolean headerSeen;

  void reset(ByteBuffer buf) {
    buffer = buf;
    headerSeen = false;
    id = -1;
    hwProtocol = 0;
    hook = -1;
    mark = 0;
    hasMark = false;
    inIfindex = 0;
    outIfindex = 0;
    timestampSeconds = -1;
    timestampMicros = 0;
    payloadOffset = 0;
    payloadLength = 0;
    capturedLength = -1;
  }

  /** The receive buffer (big-endian) holding the IP packet at {@link #payloadOffset()}. */
  public ByteBuffer buffer() {
    return buffer;
  }

  /** The queue number the packet came from. */
  public int queue() {
    return queue;
  }

  /** The kernel's packet id (unsigned 32 bits) that the verdict refers to. */
  public int id() {
    return id;
  }

  /** The link-layer protocol (ETH_P_IP 0x0800, ETH_P_IPV6 0x86dd). */
  public int hwProtocol() {
    return hwProtocol;
  }

  /** The netfilter hook (0 PREROUTING, 1 INPUT, 2 FORWARD, 3 OUTPUT, 4 POSTROUTING). */
  public int hook() {
    return hook;
  }

  /** The packet's netfilter mark (0 when the kernel sent none). */
  public int mark() {
    return mark;
  }

  /** True when the kernel sent a mark. */
  public boolean hasMark() {
    return hasMark;
  }

  /** Interface index the packet came in on, 0 if none. */
  public int inIfindex() {
    return inIfindex;
  }

  /** Interface index the packet goes out on, 0 if none. */
  public int outIfindex() {
    return outIfindex;
  }

  /** True when the kernel sent the packet's timestamp. */
  public boolean hasTimestamp() {
    return timestampSeconds >= 0;
  }

  /** The packet's timestamp in microseconds since the epoch, or -1 when absent. */
  public long timestampMicros() {
    return timestampSeconds < 0 ? -1 : timestampSeconds * 1_000_000L + timestampMicros;
  }

  /** Offset of the IP packet in {@link #buffer()}. */
  public int payloadOffset() {
    return payloadOffset;
  }

  /** Bytes of the IP packet copied to user space. */
  public int payloadLength() {
    return payloadLength;
  }

  /** The packet's full length when the kernel truncated the copy, else the copied length. */
  public int originalLength() {
    return capturedLength >= 0 ? capturedLength : payloadLength;
  }

  /** Byte {@code i} of the IP packet. */
  public byte payloadByte(int i) {
    return buffer.get(payloadOffset + java.util.Objects.checkIndex(i, payloadLength));
  }

  /** A copy of the IP packet's bytes (allocates; for tests and slow paths). */
  public byte[] payloadBytes() {
    byte[] b = new byte[payloadLength];
    buffer.get(payloadOffset, b);
    return b;
  }
}
