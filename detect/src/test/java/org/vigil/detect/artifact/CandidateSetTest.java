package org.vigil.detect.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateSetTest {
  @Test
  void iteratesInRuleOrderAndClears() {
    CandidateSet s = new CandidateSet(1000);
    for (int r : new int[] {999, 5, 64, 63, 5, 500}) {
      s.add(r);
    }
    List<Integer> got = new ArrayList<>();
    for (int r = s.next(0); r >= 0; r = s.next(r + 1)) {
      got.add(r);
    }
    assertEquals(List.of(5, 63, 64, 500, 999), got);
    assertEquals(5, s.size());
    s.clear();
    assertEquals(-1, s.next(0));
    assertFalse(s.contains(64));
  }

  @Test
  void aScanStartsWithNoPrefixSpentAndNoPatternDoneEvenAfterTheScanNumbersWrap() {
    CandidateSet s = new CandidateSet(10);
    long[] oneBytes = new long[4];
    long key = 4L << 32 | 0x61626364L;
    s.startScan(3, oneBytes);
    s.spend(key);
    s.markDone(2);
    assertTrue(s.spent(key));
    assertTrue(s.done(2));
    assertFalse(s.spent(4L << 32 | 0x61626365L));
    s.startScan(3, oneBytes);
    assertFalse(s.spent(key));
    assertFalse(s.done(2));
    // as many scans again as there are scan numbers: the last has the first one's number
    for (int n = 2; n < 1 << 29; n++) {
      s.startScan(3, oneBytes);
    }
    assertFalse(s.spent(key));
    assertFalse(s.done(2));
  }
}
