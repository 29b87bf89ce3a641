package org.vigil.acquire.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.vigil.acquire.synthetic.FrameSink;
import org.vigil.decode.Packet;
import org.vigil.decode.PacketConsumer;

/**
 * A TPACKET_V3 ring in the JVM's own memory, filled as the kernel fills a capture socket's: the
 * frames written to it are laid out in blocks (headers, link-layer address, frame at the kernel's
 * offsets) and each full block is walked by the same {@link BlockWalker} a live socket's ring is,
 * every frame going to the consumer through one reused {@link Packet}. A live run's warm-up sends
 * its sample through one, so the receive loop and its call into decoding are compiled, with the
 * profile of real blocks, before the first socket opens.
 */
public final class RehearsalRing implements FrameSink, AutoCloseable {
  /** Block size of the rehearsal (the live default's). */
  static final int BLOCK_SIZE = 1 << 16;

  // tpacket_block_desc + tpacket_hdr_v1 (48 bytes), then the first frame
  private static final int FIRST = 48;
  // a raw socket's frame: tpacket3_hdr and sockaddr_ll (68 bytes), the frame where its IP header
  // lands 16-aligned, as the kernel places it
  private static final int MAC = 82;
  private static final int TP_STATUS_USER = 1;
  private static final int TP_STATUS_CSUM_VALID = 1 << 7;
  private static final int ARPHRD_ETHER = 1;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

  private final Arena arena = Arena.ofConfined();
  private final MemorySegment ring;
  private final BlockWalker walker;
  private final Packet packet;
  private final PacketConsumer consumer;
  private int block;
  private long off = FIRST;
  private long last = -1;
  private int frames;
  private long handed;

  /** A ring of two blocks whose frames go to {@code consumer} through {@code packet}. */
  public RehearsalRing(Packet packet, PacketConsumer consumer) {
    this.ring = arena.allocate(2L * BLOCK_SIZE, 4096);
    this.walker = new BlockWalker(ring, BLOCK_SIZE, 2);
    this.packet = packet;
    this.consumer = consumer;
  }

  /**
   * Writes a frame into the current block (a frame larger than a block is cut to fit, as a socket's
   * snap length would); a full block goes to the consumer first.
   */
  @Override
  public void frame(byte[] frame, int length, long nanos) {
    int snap = Math.min(length, BLOCK_SIZE - FIRST - MAC);
    long slot = (MAC + snap + 15) & ~15L;
    if (off + slot > BLOCK_SIZE) {
      flush();
    }
    long base = (long) block * BLOCK_SIZE;
    long f = base + off;
    ring.asSlice(f, MAC).fill((byte) 0);
    ring.set(INT, f + 4, (int) (nanos / 1_000_000_000L));
    ring.set(INT, f + 8, (int) (nanos % 1_000_000_000L));
    ring.set(INT, f + 12, snap);
    ring.set(INT, f + 16, length);
    ring.set(INT, f + 20, TP_STATUS_USER | TP_STATUS_CSUM_VALID);
    ring.set(SHORT, f + 24, (short) MAC);
    ring.set(SHORT, f + 26, (short) (MAC + 14));
    ring.set(SHORT, f + 56, (short) ARPHRD_ETHER);
    MemorySegment.copy(frame, 0, ring, ValueLayout.JAVA_BYTE, f + MAC, snap);
    if (last >= 0) {
      ring.set(INT, last, (int) (f - last));
    }
    last = f;
    off += slot;
    frames++;
  }

  /** Hands the current block, if it holds a frame, to the walker, which gives its frames out. */
  public void flush() {
    if (frames == 0) {
      return;
    }
    long base = (long) block * BLOCK_SIZE;
    ring.set(INT, last, 0);
    ring.set(INT, base + 12, frames);
    ring.set(INT, base + 16, FIRST);
    ring.set(INT, base + 20, (int) off);
    ring.set(INT, base + 8, TP_STATUS_USER);
    block = block == 0 ? 1 : 0;
    off = FIRST;
    last = -1;
    frames = 0;
    handed += walker.walk(packet, consumer);
  }

  /** The frames given to the consumer so far. */
  public long handed() {
    return handed;
  }

  /** Frees the ring; frames not flushed are dropped. */
  @Override
  public void close() {
    arena.close();
  }
}
