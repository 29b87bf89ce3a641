package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Native pages of stream data: bytes written are read back exactly, no access leaves its page, and
 * the budget's pool keeps idle pages only within its limits and the room under its cap.
 */
class NativePagesTest {
  private static final int PAGE = StreamPages.SIZE;

  @Test
  void bytesWrittenToAPageAreReadBackExactly() {
    long page = NativePages.allocate();
    try {
      byte[] src = new byte[PAGE];
      for (int i = 0; i < PAGE; i++) {
        src[i] = (byte) (i * 31 + 7);
      }
      NativePages.write(src, 0, page, 0, PAGE);
      byte[] back = new byte[PAGE];
      NativePages.read(page, 0, back, 0, PAGE);
      assertArrayEquals(src, back);
      assertEquals(src[4095], NativePages.get(page, 4095));
      NativePages.write(new byte[] {1, 2, 3}, 1, page, 100, 2);
      assertEquals(2, NativePages.get(page, 100));
      assertEquals(3, NativePages.get(page, 101));
      assertEquals(src[102], NativePages.get(page, 102));
      assertTrue(NativePages.equal(page, 100, new byte[] {9, 2, 3}, 1, 2));
      assertFalse(NativePages.equal(page, 100, new byte[] {2, 4}, 0, 2));
    } finally {
      NativePages.free(page);
    }
  }

  @Test
  void noAccessReachesPastItsPage() {
    long page = NativePages.allocate();
    try {
      byte[] b = new byte[16];
      assertThrows(IndexOutOfBoundsException.class, () -> NativePages.get(page, PAGE));
      assertThrows(IndexOutOfBoundsException.class, () -> NativePages.get(page, -1));
      assertThrows(
          IndexOutOfBoundsException.class, () -> NativePages.write(b, 0, page, PAGE - 8, 16));
      assertThrows(
          IndexOutOfBoundsException.class, () -> NativePages.read(page, PAGE - 1, b, 0, 2));
      assertThrows(
          IndexOutOfBoundsException.class, () -> NativePages.equal(page, PAGE - 4, b, 0, 8));
    } finally {
      NativePages.free(page);
    }
  }

  @Test
  void thePoolKeepsIdlePagesOnlyWithinTheRoomUnderTheCap() {
    StreamMemory memory = new StreamMemory(4L * PAGE);
    Set<Long> pages = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      pages.add(memory.takePage());
    }
    assertEquals(6, pages.size(), "six distinct pages");
    assertTrue(memory.reserve(2L * PAGE));
    for (long p : pages) {
      memory.givePage(p); // two fit in the room the reservation leaves, the others are freed
    }
    assertEquals(2, memory.idlePages());
    long again = memory.takePage();
    assertTrue(pages.contains(again), "an idle page is reused");
    assertEquals(1, memory.idlePages());
    long fresh = memory.takePage();
    long third = memory.takePage();
    assertNotEquals(again, fresh);
    assertEquals(0, memory.idlePages());
    memory.release(2L * PAGE);
    for (long p : new long[] {again, fresh, third}) {
      memory.givePage(p);
    }
    assertEquals(3, memory.idlePages());
  }

  @Test
  void aSmallPageHoldsItsSizeAndKeepsItsBytesWhenItGrows() {
    int step = NativePages.STEP;
    long page = NativePages.allocate(step);
    assertEquals(step, NativePages.size(page));
    byte[] src = new byte[step];
    for (int i = 0; i < step; i++) {
      src[i] = (byte) (i * 5 + 1);
    }
    NativePages.write(src, 0, page, 0, step);
    assertThrows(IndexOutOfBoundsException.class, () -> NativePages.get(page, step));
    long grown = NativePages.grow(page, 3 * step);
    try {
      assertEquals(3 * step, NativePages.size(grown));
      byte[] back = new byte[step];
      NativePages.read(grown, 0, back, 0, step);
      assertArrayEquals(src, back);
      NativePages.write(src, 0, grown, 2 * step, step);
      assertEquals(src[step - 1], NativePages.get(grown, 3 * step - 1));
      assertThrows(IndexOutOfBoundsException.class, () -> NativePages.get(grown, 3 * step));
    } finally {
      NativePages.free(grown);
    }
  }

  @Test
  void thePoolKeepsOnlyWholePages() {
    StreamMemory memory = new StreamMemory(0);
    memory.givePage(NativePages.allocate(NativePages.STEP));
    assertEquals(0, memory.idlePages(), "a part page is freed");
    memory.givePage(NativePages.allocate());
    assertEquals(1, memory.idlePages());
    long whole = memory.takePage();
    assertEquals(PAGE, NativePages.size(whole));
    NativePages.free(whole);
  }

  @Test
  void thePoolKeepsAtMostItsLimitOfIdlePages() {
    StreamMemory memory = new StreamMemory(0);
    long[] pages = new long[StreamMemory.IDLE_PAGES + 10];
    for (int i = 0; i < pages.length; i++) {
      pages[i] = memory.takePage();
    }
    for (long p : pages) {
      memory.givePage(p);
    }
    assertEquals(StreamMemory.IDLE_PAGES, memory.idlePages());
  }
}
