package org.vigil.detect.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
