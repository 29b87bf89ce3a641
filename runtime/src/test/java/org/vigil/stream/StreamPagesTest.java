package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.TargetPolicies;

/**
 * Out-of-order data held in pages: what a stream delivers is the same as with one array whatever
 * the order and overlaps, data behind a hole costs pages rather than a doubled array, and the pages
 * go back to the budget and its pool.
 */
class StreamPagesTest {
  private static final int PAGE = StreamPages.SIZE;

  @Test
  void segmentsAcrossManyPagesInRandomOrdersMatchTheReferenceModel() {
    Random rnd = new Random(18);
    for (int round = 0; round < 80; round++) {
      List<int[]> ranges = new ArrayList<>();
      List<String> data = new ArrayList<>();
      int count = 6 + rnd.nextInt(30);
      for (int k = 0; k < count; k++) {
        int len = 2 + rnd.nextInt(3000);
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
          c[i] = (char) ('a' + rnd.nextInt(26));
        }
        ranges.add(new int[] {rnd.nextInt(5 * PAGE)});
        data.add(new String(c));
      }
      for (String policy :
          List.of("bsd", "first", "last", "linux", "old_linux", "solaris", "hpux11")) {
        Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require(policy), 1000, 5000);
        c.handshake();
        for (int k = 0; k < count; k++) {
          c.cdata(1 + ranges.get(k)[0], data.get(k));
        }
        c.session.close();
        assertEquals(
            OverlapModel.apply(TargetPolicies.require(policy), ranges, data),
            c.rec.toServer.toString(),
            policy + " round " + round);
      }
    }
  }

  @Test
  void dataBehindAHoleTakesPagesAndComesInOrderWhenTheHoleFills() {
    StreamMemory memory = new StreamMemory(0);
    StreamBuffer b = new StreamBuffer(TargetPolicies.require("bsd"), false, memory, 0);
    byte[] all = new byte[65_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) (i * 7 + i / 1000);
    }
    for (int s = 1; s < 65; s++) {
      b.insert(s * 1000L, all, s * 1000, 1000);
    }
    assertEquals(0, b.array().length, "no array while everything lies behind the hole");
    // the pages start at the first paged byte; the last holds the 2,560 bytes written into it
    assertEquals(64_000 + 16 * 8, memory.used(), "the 64,000 bytes in pages and the directory");
    assertEquals(0, b.contig());
    b.insert(0, all, 0, 1000);
    assertEquals(65_000, b.contig());
    assertArrayEquals(all, Arrays.copyOfRange(b.array(), b.index(0), b.index(65_000)));
    assertEquals(b.array().length, memory.used(), "the pages' reservation went to the array");
    b.free();
    assertEquals(0, memory.used());
    assertEquals(15, memory.idlePages(), "the whole pages wait in the pool for the next flows");
  }

  @Test
  void aRunsLastPageAndDataBeforeTheFirstPagedByteCostWhatTheyHold() {
    StreamMemory memory = new StreamMemory(0);
    StreamBuffer b = new StreamBuffer(TargetPolicies.require("linux"), false, memory, 0);
    byte[] all = new byte[80_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) (i * 13 + i / 700);
    }
    b.insert(10_000, all, 10_000, 100); // one step of a page
    assertEquals(NativePages.STEP + 16 * 8, memory.used());
    b.insert(10_100, all, 10_100, 1_000); // the page grows to the steps its bytes need
    assertEquals(3 * NativePages.STEP + 16 * 8, memory.used());
    // a page further on holds its span's start up to the byte written: 1,818 bytes, 4 steps
    b.insert(20_000, all, 20_000, 10);
    assertEquals(7 * NativePages.STEP + 16 * 8, memory.used());
    // data ending at the first paged byte: one whole page below it, in the same directory
    b.insert(6_000, all, 6_000, 4_000);
    assertEquals(7 * NativePages.STEP + PAGE + 16 * 8, memory.used());
    // a page 16 past the first: the directory doubles
    b.insert(71_440, all, 71_440, 100);
    assertEquals(8 * NativePages.STEP + PAGE + 32 * 8, memory.used());
    b.insert(1_000, all, 1_000, 5_000); // two pages below the first, within the directory
    b.insert(11_100, all, 11_100, 8_900);
    b.insert(20_010, all, 20_010, 51_430);
    b.insert(71_540, all, 71_540, 8_460);
    assertEquals(0, b.contig());
    b.insert(0, all, 0, 1_000);
    assertEquals(80_000, b.contig());
    assertArrayEquals(all, Arrays.copyOfRange(b.array(), b.index(0), b.index(80_000)));
    assertEquals(b.array().length, memory.used(), "the pages' reservation went to the array");
    b.free();
    assertEquals(0, memory.used());
  }

  @Test
  void pagesAreReservedInTheMemcapAndRefusedBeyondIt() {
    StreamMemory memory = new StreamMemory(3 * PAGE);
    StreamBuffer b = new StreamBuffer(TargetPolicies.require("bsd"), false, memory, 0);
    byte[] seg = new byte[PAGE];
    assertEquals(0, b.insert(100, seg, 0, PAGE) & StreamBuffer.MEMCAP);
    assertEquals(PAGE + 16 * 8, memory.used(), "one page from the first paged byte");
    int res = b.insert(100 + 2L * PAGE, new byte[2 * PAGE], 0, 2 * PAGE);
    assertEquals(StreamBuffer.MEMCAP, res & StreamBuffer.MEMCAP);
    assertEquals(PAGE + 16 * 8, memory.used());
    assertEquals(0, b.insert(100 + 2L * PAGE, seg, 0, PAGE) & StreamBuffer.MEMCAP);
    assertEquals(2L * PAGE + 16 * 8, memory.used());
    b.free();
    assertEquals(0, memory.used());
  }

  @Test
  void pagedDataTheMemcapCannotBringInOrderIsDroppedAsAGap() {
    StreamMemory memory = new StreamMemory(8000);
    StreamBuffer b = new StreamBuffer(TargetPolicies.require("bsd"), false, memory, 0);
    byte[] seg = new byte[PAGE];
    assertEquals(0, b.insert(2 * PAGE, seg, 0, PAGE) & StreamBuffer.MEMCAP);
    // the ACK proves the hole lost, but an array over hole and data does not fit in 8000 bytes
    assertEquals(3L * PAGE, b.skipGapsTo(3L * PAGE));
    assertEquals(3L * PAGE, b.contig());
    assertEquals(0, memory.used());
    assertEquals(0, b.segmentCount());
  }
}
