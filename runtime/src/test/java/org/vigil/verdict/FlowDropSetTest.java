package org.vigil.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowDropSetTest {

  private static FlowKey key(int port) {
    return FlowKey.of(4, 6, 0, 0x0a000001L, port, 0, 0x0a000002L, 80);
  }

  @Test
  void aDroppedFlowStaysDroppedWhileItHasTraffic() {
    FlowDropSet set = new FlowDropSet(10, 1_000);
    assertTrue(set.isEmpty());
    set.add(key(1), 0);
    assertTrue(set.contains(key(1), 900));
    assertTrue(set.contains(key(1), 1800)); // refreshed at 900
    assertFalse(set.contains(key(2), 1800));
  }

  @Test
  void anIdleFlowIsForgotten() {
    FlowDropSet set = new FlowDropSet(10, 1_000);
    set.add(key(1), 0);
    assertFalse(set.contains(key(1), 1_001));
    assertEquals(0, set.size());
  }

  @Test
  void pastCapacityTheLeastRecentlySeenFlowGoes() {
    FlowDropSet set = new FlowDropSet(2, 1_000_000);
    set.add(key(1), 0);
    set.add(key(2), 1);
    assertTrue(set.contains(key(1), 2)); // key 2 is now the eldest
    set.add(key(3), 3);
    assertEquals(2, set.size());
    assertEquals(1, set.evicted());
    assertTrue(set.contains(key(1), 4));
    assertFalse(set.contains(key(2), 4));
  }

  @Test
  void agreesWithAReferenceSetUnderRandomChurn() {
    // many adds, lookups and expiries against a plain map: the open-addressing table must never disagree
    java.util.Random random = new java.util.Random(11);
    long timeout = 400; // both expiry and eviction of the least recently seen happen
    FlowDropSet set = new FlowDropSet(64, timeout);
    java.util.Map<FlowKey, Long> reference = new java.util.HashMap<>();
    long now = 0;
    for (int step = 0; step < 100_000; step++) {
      now += 1 + random.nextInt(2); // strictly increasing: no ties for the least recently seen
      FlowKey k = key(random.nextInt(200));
      if (random.nextInt(4) == 0) {
        if (reference.size() >= 64 && !reference.containsKey(k)) {
          long t = now;
          reference.values().removeIf(seen -> t - seen > timeout);
          if (reference.size() >= 64) {
            FlowKey oldest = reference.entrySet().stream().min(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            reference.remove(oldest);
          }
        }
        reference.put(k, now);
        set.add(k, now);
      } else {
        Long seen = reference.get(k);
        boolean expected = seen != null && now - seen <= timeout;
        if (seen != null && !expected) reference.remove(k);
        if (expected) reference.put(k, now);
        assertEquals(expected, set.contains(k, now), "step " + step);
      }
      assertEquals(reference.size(), set.size(), "size at step " + step);
    }
    assertTrue(set.evicted() > 100, "evictions exercised: " + set.evicted());
  }

  @Test
  void badBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FlowDropSet(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new FlowDropSet(1, 0));
  }
}
