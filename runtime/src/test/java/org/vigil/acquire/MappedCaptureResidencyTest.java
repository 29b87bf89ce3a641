package org.vigil.acquire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.testing.PcapWriter;

/**
 * A capture read from start to end stays out of the process's resident memory: what the kernel
 * reports resident of its mapping (/proc/self/smaps) near the end of a 24 MiB capture is a couple
 * of MiB, not the capture.
 */
class MappedCaptureResidencyTest {
  @TempDir Path tmp;

  @Test
  void readingALargeCaptureKeepsOnlyTheLastStepResident() throws IOException {
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
    long residentKb = -1;
    int read = 0;
    try (CaptureSource s = CaptureReader.open(f, new PathStats())) {
      Packet p = new Packet(16);
      while (true) {
        p.reset();
        if (!s.next(p)) {
          break;
        }
        if (++read == packets) {
          residentKb = residentKb(smaps, f.toRealPath().toString());
        }
      }
    }
    assertEquals(packets, read);
    assertTrue(residentKb >= 0, "the capture is mapped while it is read");
    assertTrue(
        residentKb <= 3 * 1024,
        "resident KB of the capture's mapping at its last packet: " + residentKb);
  }

  /**
   * The pages the kernel maps around a fault (fault-around) reach back before where an unload
   * stopped: unloads that start where the last one stopped left a few pages per MiB behind. Odd
   * record lengths move that position off any page or fault-around boundary.
   */
  @Test
  void nothingBehindTheLastStepsStaysResident() throws IOException {
    Path pagemap = Path.of("/proc/self/pagemap");
    assumeTrue(Files.isReadable(pagemap), "needs Linux /proc");
    byte[] frame =
        ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 53, new byte[1301])));
    int packets = 32 * 1024 * 1024 / (frame.length + 16);
    PcapWriter w = PcapWriter.pcap(LinkTypes.ETHERNET);
    for (int i = 0; i < packets; i++) {
      w.packet(1_700_000_000_000_000L + i, frame);
    }
    Path f = w.write(tmp.resolve("odd.pcap"));
    long behind = MappedCapture.UNLOAD_STEP + MappedCapture.FAULT_AROUND + (1 << 20);
    long residentPagesBehind = -1;
    int read = 0;
    try (CaptureSource s = CaptureReader.open(f, new PathStats())) {
      Packet p = new Packet(16);
      while (true) {
        p.reset();
        if (!s.next(p)) {
          break;
        }
        if (++read == packets) {
          residentPagesBehind = presentPages(pagemap, f.toRealPath().toString(), behind);
        }
      }
    }
    assertEquals(packets, read);
    assertEquals(0, residentPagesBehind, "pages resident before the capture's last 4 MiB");
  }

  /**
   * Pages of the mapping of {@code file} present in the process's page tables, up to {@code
   * excludeEnd} bytes before the mapping's end (the present bit of /proc/self/pagemap).
   */
  private static long presentPages(Path pagemap, String file, long excludeEnd) throws IOException {
    long start = -1;
    long end = -1;
    for (String l : Files.readAllLines(Path.of("/proc/self/maps"))) {
      if (l.endsWith(" " + file)) {
        String[] range = l.substring(0, l.indexOf(' ')).split("-");
        start = Long.parseUnsignedLong(range[0], 16);
        end = Long.parseUnsignedLong(range[1], 16);
      }
    }
    assertTrue(start >= 0, "the capture is mapped while it is read");
    long pages = (end - excludeEnd - start) / 4096;
    byte[] entries = new byte[(int) pages * 8];
    try (java.io.RandomAccessFile pm = new java.io.RandomAccessFile(pagemap.toFile(), "r")) {
      pm.seek(start / 4096 * 8);
      pm.readFully(entries);
    }
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(entries).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long present = 0;
    for (int i = 0; i < pages; i++) {
      present += b.getLong(i * 8) >>> 63;
    }
    return present;
  }

  /** Resident KB of the mappings of {@code file}, from smaps. */
  private static long residentKb(Path smaps, String file) throws IOException {
    List<String> lines = Files.readAllLines(smaps);
    long kb = 0;
    boolean in = false;
    boolean found = false;
    for (String l : lines) {
      if (l.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
        in = l.endsWith(" " + file);
        found |= in;
      } else if (in && l.startsWith("Rss:")) {
        kb += Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return found ? kb : -1;
  }
}
