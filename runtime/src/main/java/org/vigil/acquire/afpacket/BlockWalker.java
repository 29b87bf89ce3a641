package org.vigil.acquire.afpacket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PacketConsumer;

/**
 * Walks the blocks of a TPACKET_V3 ring that the kernel handed to user space, in ring order: each
 * frame of a ready block is copied into one reused {@link Packet} (the VLAN tag the kernel took off
 * put back, receive time in nanoseconds) and given to the consumer; then the block goes back to the
 * kernel. No native call per packet or per block: the block header's status word is the handshake.
 */
final class BlockWalker {
  private static final int TP_STATUS_KERNEL = 0;
  private static final int TP_STATUS_USER = 1;
  private static final int TP_STATUS_VLAN_VALID = 1 << 4;
  private static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
  // tpacket_block_desc: version, offset_to_priv, then tpacket_hdr_v1
  private static final long BLOCK_STATUS = 8;
  private static final long NUM_PKTS = 12;
  private static final long FIRST_PKT = 16;
  // tpacket3_hdr
  private static final long NEXT_OFFSET = 0;
  private static final long SEC = 4;
  private static final long NSEC = 8;
  private static final long SNAPLEN = 12;
  private static final long LEN = 16;
  private static final long STATUS = 20;
  private static final long MAC = 24;
  private static final long VLAN_TCI = 32;
  private static final long VLAN_TPID = 36;
  // the sockaddr_ll after the header (TPACKET_ALIGN(sizeof(tpacket3_hdr)))
  private static final long SLL_HATYPE = 48 + 8;
  private static final long SLL_PKTTYPE = 48 + 10;
  private static final int ARPHRD_LOOPBACK = 772;
  private static final int PACKET_OUTGOING = 4;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
  private static final VarHandle STATUS_WORD = ValueLayout.JAVA_INT.varHandle();

  private final MemorySegment ring;
  private final int blockSize;
  private final int blockCount;
  private int next;
  private long blocks;

  BlockWalker(PacketRing r) {
    this(r.ring(), r.blockSize(), r.blockCount());
  }

  /** A walker over {@code blockCount} blocks of {@code blockSize} bytes mapped at {@code ring}. */
  BlockWalker(MemorySegment ring, int blockSize, int blockCount) {
    this.ring = ring;
    this.blockSize = blockSize;
    this.blockCount = blockCount;
  }

  /** Whether the next block in ring order belongs to user space. */
  boolean ready() {
    long base = (long) next * blockSize;
    return ((int) STATUS_WORD.getAcquire(ring, base + BLOCK_STATUS) & TP_STATUS_USER) != 0;
  }

  /**
   * Gives every frame of the next block (but loopback's sending copies) to {@code consumer} through
   * {@code p} and returns the block to the kernel; returns the frames given, -1 when the next block
   * is not ready.
   */
  int walk(Packet p, PacketConsumer consumer) {
    if (!ready()) {
      return -1;
    }
    long base = (long) next * blockSize;
    MemorySegment block = ring.asSlice(base, blockSize);
    int n = block.get(INT, NUM_PKTS);
    long off = Integer.toUnsignedLong(block.get(INT, FIRST_PKT));
    try {
      for (int i = 0; i < n; i++) {
        if (!loopbackCopy(block, off)) {
          frame(block, off, p);
          consumer.accept(p);
        }
        long step = Integer.toUnsignedLong(block.get(INT, off + NEXT_OFFSET));
        off += step;
      }
    } finally {
      STATUS_WORD.setRelease(ring, base + BLOCK_STATUS, TP_STATUS_KERNEL);
      next = next + 1 == blockCount ? 0 : next + 1;
      blocks++;
    }
    return n;
  }

  /**
   * Whether the frame is the sending side of a loopback packet: loopback hands every packet to
   * capture twice, going out and coming in; only the second is kept, as tcpdump does.
   */
  private static boolean loopbackCopy(MemorySegment block, long off) {
    return Short.toUnsignedInt(block.get(SHORT, off + SLL_HATYPE)) == ARPHRD_LOOPBACK
        && block.get(ValueLayout.JAVA_BYTE, off + SLL_PKTTYPE) == PACKET_OUTGOING;
  }

  /** Copies the frame whose tpacket3_hdr is at {@code off} of {@code block} into {@code p}. */
  private static void frame(MemorySegment block, long off, Packet p) {
    p.reset();
    int snap = block.get(INT, off + SNAPLEN);
    int wire = block.get(INT, off + LEN);
    int status = block.get(INT, off + STATUS);
    long data = off + Short.toUnsignedInt(block.get(SHORT, off + MAC));
    long nanos =
        Integer.toUnsignedLong(block.get(INT, off + SEC)) * 1_000_000_000L
            + Integer.toUnsignedLong(block.get(INT, off + NSEC));
    if ((status & TP_STATUS_VLAN_VALID) != 0 && snap >= 12) {
      // the kernel took the 802.1Q tag off into the header: put it back after the MAC addresses
      int tpid =
          (status & TP_STATUS_VLAN_TPID_VALID) != 0
              ? Short.toUnsignedInt(block.get(SHORT, off + VLAN_TPID))
              : 0x8100;
      int tci = block.get(INT, off + VLAN_TCI) & 0xffff;
      byte[] d = p.ensureCapacity(snap + 4);
      MemorySegment.copy(block, ValueLayout.JAVA_BYTE, data, d, 0, 12);
      d[12] = (byte) (tpid >>> 8);
      d[13] = (byte) tpid;
      d[14] = (byte) (tci >>> 8);
      d[15] = (byte) tci;
      MemorySegment.copy(block, ValueLayout.JAVA_BYTE, data + 12, d, 16, snap - 12);
      p.setFrame(snap + 4, wire + 4, nanos, LinkTypes.ETHERNET, 0, null);
    } else {
      byte[] d = p.ensureCapacity(snap);
      MemorySegment.copy(block, ValueLayout.JAVA_BYTE, data, d, 0, snap);
      p.setFrame(snap, wire, nanos, LinkTypes.ETHERNET, 0, null);
    }
  }

  /** Blocks walked so far. */
  long blocks() {
    return blocks;
  }
}
