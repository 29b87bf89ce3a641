package org.vigil.acquire.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.vigil.acquire.bpf.BpfProgram;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;

/**
 * The receive loop's native access, FFM (what {@link BlockWalker}, {@link AfPacketSource} and
 * {@link RingStats} use) against JNA ({@link JnaRingAccess}): both walk a TPACKET_V3 ring built
 * here in native memory the way the kernel fills one (frames of 60 to 1514 bytes, a VLAN-tagged
 * frame and a loopback sending copy in each block) and must hand over the same frames. With {@code
 * VIGIL_RING_MEASURE=1} it also times, alternately over several rounds, the block walk, {@code
 * poll} (timeout 0) and {@code getsockopt(PACKET_STATISTICS)} on a real AF_PACKET socket (root
 * only), and prints the medians (also to {@code target/ring-access.txt}).
 */
class RingAccessMeasureTest {
  private static final int BLOCK = 1 << 16;
  private static final int BLOCKS = 64;
  private static final int MAC = 80;
  private static final int[] SIZES = {60, 590, 1514, 60, 1514, 342};

  /** Fills every block with frames and hands it to user space; returns the frames per pass. */
  private static int fill(MemorySegment ring) {
    int frames = 0;
    for (int b = 0; b < BLOCKS; b++) {
      long base = (long) b * BLOCK;
      long off = 64;
      int n = 0;
      long last = -1;
      while (true) {
        int snap = SIZES[n % SIZES.length];
        long slot = (MAC + snap + 15) & ~15L;
        if (off + slot > BLOCK) {
          break;
        }
        long f = base + off;
        int status = n == 3 ? 1 << 4 : 0; // one VLAN-tagged frame (tag taken off by the kernel)
        ring.set(ValueLayout.JAVA_INT, f + 4, 1_700_000_000 + b);
        ring.set(ValueLayout.JAVA_INT, f + 8, n * 1000);
        ring.set(ValueLayout.JAVA_INT, f + 12, snap);
        ring.set(ValueLayout.JAVA_INT, f + 16, snap);
        ring.set(ValueLayout.JAVA_INT, f + 20, status);
        ring.set(ValueLayout.JAVA_SHORT, f + 24, (short) MAC);
        ring.set(ValueLayout.JAVA_INT, f + 32, 0x0123);
        boolean loopbackCopy = n == 5;
        ring.set(ValueLayout.JAVA_SHORT, f + 56, (short) (loopbackCopy ? 772 : 1));
        ring.set(ValueLayout.JAVA_BYTE, f + 58, (byte) (loopbackCopy ? 4 : 0));
        for (int k = 0; k < snap; k++) {
          ring.set(ValueLayout.JAVA_BYTE, f + MAC + k, (byte) (b * 31 + n * 7 + k));
        }
        if (last >= 0) {
          ring.set(ValueLayout.JAVA_INT, last, (int) (f - last));
        }
        last = f;
        off += slot;
        n++;
      }
      ring.set(ValueLayout.JAVA_INT, last, 0);
      ring.set(ValueLayout.JAVA_INT, base + 12, n);
      ring.set(ValueLayout.JAVA_INT, base + 16, 64);
      frames += n;
    }
    handBack(ring);
    return frames;
  }

  /** The "kernel" fills the blocks again: each block's status back to user space. */
  private static void handBack(MemorySegment ring) {
    for (int b = 0; b < BLOCKS; b++) {
      ring.set(ValueLayout.JAVA_INT, (long) b * BLOCK + 8, 1);
    }
  }

  private static String describe(Packet p) {
    CRC32 crc = new CRC32();
    crc.update(p.data(), 0, p.length());
    return p.length() + "/" + p.timestampNanos() + "/" + Long.toHexString(crc.getValue());
  }

  @Test
  void theFfmAndJnaWalksHandOverTheSameFrames() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ring = arena.allocate((long) BLOCK * BLOCKS, 4096);
      int frames = fill(ring);
      BlockWalker ffm = new BlockWalker(ring, BLOCK, BLOCKS);
      JnaRingAccess jna = new JnaRingAccess(ring.address(), BLOCK, BLOCKS);
      Packet p = new Packet(2048);
      List<String> a = new ArrayList<>();
      List<String> b = new ArrayList<>();
      int walked = 0;
      for (int i = 0; i < BLOCKS; i++) {
        walked += ffm.walk(p, q -> a.add(describe(q)));
      }
      assertEquals(-1, ffm.walk(p, q -> {}), "every block handed back to the kernel");
      handBack(ring);
      for (int i = 0; i < BLOCKS; i++) {
        jna.walk(p, q -> b.add(describe(q)));
      }
      assertEquals(frames, walked);
      assertEquals(frames - BLOCKS, a.size(), "one loopback sending copy a block left out");
      assertEquals(a, b, "the JNA walk hands over the FFM walk's frames");
      assertTrue(a.contains(describe(vlanFrame(ring))), "the VLAN tag put back: " + a.get(3));
    }
  }

  /** The first block's VLAN frame as the walk must hand it over (tag after the MACs). */
  private static Packet vlanFrame(MemorySegment ring) {
    long f = 64;
    for (int n = 0; n < 3; n++) {
      f += (MAC + SIZES[n] + 15) & ~15L;
    }
    int snap = SIZES[3];
    byte[] raw = ring.asSlice(f + MAC, snap).toArray(ValueLayout.JAVA_BYTE);
    byte[] d = new byte[snap + 4];
    System.arraycopy(raw, 0, d, 0, 12);
    d[12] = (byte) 0x81;
    d[14] = 0x01;
    d[15] = 0x23;
    System.arraycopy(raw, 12, d, 16, snap - 12);
    Packet p = new Packet(2048);
    System.arraycopy(d, 0, p.ensureCapacity(d.length), 0, d.length);
    p.setFrame(
        d.length, d.length, 1_700_000_000L * 1_000_000_000L + 3000, LinkTypes.ETHERNET, 0, null);
    return p;
  }

  @Test
  void measureFfmAgainstJna() throws Exception {
    assumeTrue(
        "1".equals(System.getenv("VIGIL_RING_MEASURE")),
        "the FFM/JNA measurement runs only with VIGIL_RING_MEASURE=1");
    int rounds = 5;
    StringBuilder report = new StringBuilder();
    try (Arena arena = Arena.ofShared()) {
      MemorySegment ring = arena.allocate((long) BLOCK * BLOCKS, 4096);
      int frames = fill(ring);
      BlockWalker ffm = new BlockWalker(ring, BLOCK, BLOCKS);
      JnaRingAccess jna = new JnaRingAccess(ring.address(), BLOCK, BLOCKS);
      Packet p = new Packet(2048);
      long[] sink = new long[1];
      int passes = 100;
      LongSupplier ffmWalk =
          () -> {
            for (int i = 0; i < passes; i++) {
              for (int k = 0; k < BLOCKS; k++) {
                ffm.walk(p, q -> sink[0] += q.length() + q.data()[q.length() - 1]);
              }
              handBack(ring);
            }
            return (long) passes * BLOCKS;
          };
      LongSupplier jnaWalk =
          () -> {
            for (int i = 0; i < passes; i++) {
              for (int k = 0; k < BLOCKS; k++) {
                jna.walk(p, q -> sink[0] += q.length() + q.data()[q.length() - 1]);
              }
              handBack(ring);
            }
            return (long) passes * BLOCKS;
          };
      double[][] walk = compare(ffmWalk, jnaWalk, rounds);
      report.append(
          line(
              "block walk (64 KiB blocks, " + frames / BLOCKS + " frames a block), ns/block",
              walk));
      PacketRing socket = quietSocket();
      if (socket == null) {
        report.append("poll, getsockopt: not measured (AF_PACKET needs root)\n");
      } else {
        try (socket) {
          int calls = 50_000;
          MemorySegment fds = arena.allocate(8, 4);
          fds.set(ValueLayout.JAVA_INT, 0, socket.fd());
          RingStats stats = new RingStats("lo#m");
          double[][] poll =
              compare(
                  () -> {
                    for (int i = 0; i < calls; i++) {
                      fds.set(ValueLayout.JAVA_SHORT, 4, (short) 1);
                      fds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
                      LinuxNative.poll(fds, 1, 0);
                    }
                    return calls;
                  },
                  () -> {
                    for (int i = 0; i < calls; i++) {
                      jna.poll(socket.fd(), 0);
                    }
                    return calls;
                  },
                  rounds);
          report.append(line("poll(timeout 0), ns/call", poll));
          double[][] gso =
              compare(
                  () -> {
                    for (int i = 0; i < calls; i++) {
                      stats.update(socket);
                    }
                    return calls;
                  },
                  () -> {
                    for (int i = 0; i < calls; i++) {
                      jna.stats(socket.fd());
                    }
                    return calls;
                  },
                  rounds);
          report.append(line("getsockopt(PACKET_STATISTICS), ns/call", gso));
        }
      }
      assertTrue(sink[0] != 0, "the frames were read");
    }
    System.out.print(report);
    Files.writeString(Path.of("target/ring-access.txt"), report.toString());
  }

  /** A socket on lo whose filter takes nothing (root only; null otherwise). */
  private static PacketRing quietSocket() {
    try (BpfProgram bpf = BpfProgram.compile("ip proto 253", LinkTypes.ETHERNET, 262144)) {
      return PacketRing.open(AfPacketOptions.defaults("lo"), bpf.instructions(), bpf.length());
    } catch (AfPacketException e) {
      return null;
    }
  }

  /** Per round the FFM then the JNA run: their ns per operation, one array each. */
  private static double[][] compare(LongSupplier ffm, LongSupplier jna, int rounds) {
    double[] f = new double[rounds];
    double[] j = new double[rounds];
    for (int r = -2; r < rounds; r++) { // two warm-up rounds
      long t0 = System.nanoTime();
      long n = ffm.getAsLong();
      long t1 = System.nanoTime();
      long m = jna.getAsLong();
      long t2 = System.nanoTime();
      if (r >= 0) {
        f[r] = (double) (t1 - t0) / n;
        j[r] = (double) (t2 - t1) / m;
      }
    }
    return new double[][] {f, j};
  }

  private static String line(String what, double[][] fj) {
    double f = median(fj[0]);
    double j = median(fj[1]);
    return String.format(
        Locale.ROOT,
        "%s: FFM %.1f (%.1f-%.1f), JNA %.1f (%.1f-%.1f), JNA/FFM %.2f%n",
        what,
        f,
        min(fj[0]),
        max(fj[0]),
        j,
        min(fj[1]),
        max(fj[1]),
        j / f);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
