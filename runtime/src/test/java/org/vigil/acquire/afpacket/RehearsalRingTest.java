package org.vigil.acquire.afpacket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;

/**
 * The rehearsal ring gives out, through the live receive loop, exactly the frames written to it:
 * each once, in order, with its bytes, wire length and time, over many blocks; a frame larger than
 * a block is cut to what a block holds; frames not yet flushed wait for {@code flush}.
 */
class RehearsalRingTest {
  private record Seen(byte[] bytes, int wire, long nanos, int linkType) {}

  private static byte[] frame(int i, int length) {
    byte[] b = new byte[length];
    for (int k = 0; k < length; k++) {
      b[k] = (byte) (i * 13 + k);
    }
    return b;
  }

  @Test
  void everyFrameComesOutOnceInOrderWithItsBytesAndTime() {
    List<Seen> seen = new ArrayList<>();
    int[] sizes = {60, 1514, 590, 9000, 342, 64};
    int n = 2_000; // ~5 MB: about eighty blocks
    try (RehearsalRing ring =
        new RehearsalRing(
            new Packet(70_000),
            p ->
                seen.add(
                    new Seen(
                        Arrays.copyOf(p.data(), p.length()),
                        p.wireLength(),
                        p.timestampNanos(),
                        p.linkType())))) {
      for (int i = 0; i < n; i++) {
        ring.frame(
            frame(i, sizes[i % sizes.length]),
            sizes[i % sizes.length],
            1_700_000_000_123_456_789L + i * 1_000L);
      }
      int before = seen.size();
      ring.flush();
      assertEquals(n, seen.size());
      assertEquals(n, ring.handed());
      assertTrue(before < n, "the last block waits for flush");
    }
    for (int i = 0; i < n; i++) {
      int len = sizes[i % sizes.length];
      Seen s = seen.get(i);
      assertArrayEquals(frame(i, len), s.bytes(), "frame " + i);
      assertEquals(len, s.wire());
      assertEquals(1_700_000_000_123_456_789L + i * 1_000L, s.nanos());
      assertEquals(LinkTypes.ETHERNET, s.linkType());
    }
  }

  @Test
  void aFrameLargerThanABlockIsCutToFit() {
    List<int[]> seen = new ArrayList<>();
    try (RehearsalRing ring =
        new RehearsalRing(
            new Packet(70_000), p -> seen.add(new int[] {p.length(), p.wireLength()}))) {
      ring.frame(frame(1, 65_535), 65_535, 1L);
      ring.frame(frame(2, 100), 100, 2L);
      ring.flush();
    }
    assertEquals(2, seen.size());
    assertEquals(RehearsalRing.BLOCK_SIZE - 48 - 82, seen.get(0)[0]);
    assertEquals(65_535, seen.get(0)[1]);
    assertEquals(100, seen.get(1)[0]);
  }
}
