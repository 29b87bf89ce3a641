package org.vigil.acquire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.testing.PcapWriter;

/**
 * Captures larger than the read window come out frame for frame as written, whatever their frames'
 * sizes and where the window's edges fall, and reading one leaves none of it resident in the
 * process: the file is never mapped (/proc/self/smaps has no mapping of it while it is read).
 */
class CaptureFileTest {
  /** Microseconds of the first frame. */
  private static final long T0 = 1_700_000_000_000_000L / 1000;

  @TempDir Path tmp;

  /** Frames of sizes from 60 bytes to 1.5 window, so records straddle every window edge. */
  private static List<byte[]> frames() {
    List<byte[]> out = new ArrayList<>();
    int[] sizes = {60, 1514, 9000, 333, CaptureFile.WINDOW / 2 + 7, 64, CaptureFile.WINDOW + 99};
    for (int i = 0; i < 140; i++) {
      byte[] payload = new byte[sizes[i % sizes.length]];
      for (int j = 0; j < payload.length; j++) payload[j] = (byte) (i * 31 + j);
      out.add(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 53, payload))));
    }
    return out;
  }

  @Test
  void pcapFramesLargerAndSmallerThanTheWindowComeOutAsWritten() throws IOException {
    List<byte[]> frames = frames();
    PcapWriter w = PcapWriter.pcap(LinkTypes.ETHERNET);
    for (int i = 0; i < frames.size(); i++) w.packet(T0 + i, frames.get(i));
    assertReadsBack(w.write(tmp.resolve("big.pcap")), frames);
  }

  @Test
  void pcapngFramesAcrossWindowEdgesComeOutAsWritten() throws IOException {
    List<byte[]> frames = frames();
    PcapWriter w = PcapWriter.pcapng(ByteOrder.BIG_ENDIAN).iface(LinkTypes.ETHERNET);
    for (int i = 0; i < frames.size(); i++) w.packet(T0 + i, frames.get(i));
    assertReadsBack(w.write(tmp.resolve("big.pcapng")), frames);
  }

  private static void assertReadsBack(Path f, List<byte[]> frames) throws IOException {
    assertTrue(Files.size(f) > 20L * CaptureFile.WINDOW, "the capture spans many windows");
    PathStats stats = new PathStats();
    int read = 0;
    try (CaptureSource s = CaptureReader.open(f, stats)) {
      Packet p = new Packet(16);
      while (true) {
        p.reset();
        if (!s.next(p)) break;
        byte[] want = frames.get(read);
        assertArrayEquals(want, Arrays.copyOf(p.data(), p.length()), "frame " + (read + 1));
        assertEquals((T0 + read) * 1000, p.timestampNanos());
        read++;
      }
    }
    assertEquals(frames.size(), read);
    assertEquals(0, stats.captureErrors, stats.captureErrorMessages().toString());
  }

  @Test
  void aCaptureCutWhileReadEndsWithACountedErrorInEitherFormat() throws IOException {
    List<byte[]> frames = frames();
    PcapWriter pcap = PcapWriter.pcap(LinkTypes.ETHERNET);
    PcapWriter ng = PcapWriter.pcapng(ByteOrder.LITTLE_ENDIAN).iface(LinkTypes.ETHERNET);
    for (int i = 0; i < frames.size(); i++) {
      pcap.packet(T0 + i, frames.get(i));
      ng.packet(T0 + i, frames.get(i));
    }
    for (Path f :
        List.of(pcap.write(tmp.resolve("cut.pcap")), ng.write(tmp.resolve("cut.pcapng")))) {
      PathStats stats = new PathStats();
      int read = 0;
      try (CaptureSource s = CaptureReader.open(f, stats)) {
        Packet p = new Packet(16);
        assertTrue(s.next(p));
        read++;
        // another process truncates the file after the reader sized it
        try (var ch =
            java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
          ch.truncate(3L * CaptureFile.WINDOW);
        }
        while (s.next(p)) read++;
        assertTrue(!s.next(p), "ended stays ended");
      }
      assertTrue(read > 1 && read < frames.size(), f + ": read " + read);
      assertEquals(1, stats.captureErrors, stats.captureErrorMessages().toString());
      assertTrue(
          stats.captureErrorMessages().get(0).contains("the file ended while read"),
          stats.captureErrorMessages().toString());
    }
  }

  @Test
  void readingALargeCaptureLeavesNoneOfItResident() throws IOException {
    Path smaps = Path.of("/proc/self/smaps");
    assumeTrue(Files.isReadable(smaps), "needs Linux /proc");
    byte[] frame =
        ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 53, new byte[1400])));
    int packets = 24 * 1024 * 1024 / (frame.length + 16);
    PcapWriter w = PcapWriter.pcap(LinkTypes.ETHERNET);
    for (int i = 0; i < packets; i++) {
      w.packet(1_700_000_000_000_000L + i, frame);
    }
    Path f = w.write(tmp.resolve("large.pcap"));
    String name = f.toRealPath().toString();
    boolean mappedWhileRead = false;
    int read = 0;
    try (CaptureSource s = CaptureReader.open(f, new PathStats())) {
      Packet p = new Packet(16);
      while (true) {
        p.reset();
        if (!s.next(p)) {
          break;
        }
        if (++read % (packets / 4) == 0) {
          mappedWhileRead |=
              Files.readAllLines(smaps).stream().anyMatch(l -> l.endsWith(" " + name));
        }
      }
    }
    assertEquals(packets, read);
    assertTrue(!mappedWhileRead, "the capture was mapped into the process while read");
  }
}
