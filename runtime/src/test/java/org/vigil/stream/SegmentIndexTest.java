package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SegmentIndexTest {
  private static final long GIB = 1L << 30;

  @Test
  void segmentsBeforeTheFirstAndGibibytesAwayKeepTheirOffsets() {
    SegmentIndex ix = new SegmentIndex();
    long far = 6 * GIB; // beyond what a store's first offsets would fit in 32 bits
    ix.add(ix.lowerBound(far + 2000), far + 1000, far + 2000);
    ix.add(ix.lowerBound(far + 500), far, far + 500); // before the first: the origin moves down
    ix.add(ix.lowerBound(far + 3 * GIB + 10), far + 3 * GIB, far + 3 * GIB + 10);
    assertEquals(3, ix.n);
    assertEquals(far, ix.start(0));
    assertEquals(far + 500, ix.end(0));
    assertEquals(far + 1000, ix.start(1));
    assertEquals(far + 3 * GIB + 10, ix.end(2));
    assertEquals(far + 500, ix.runFrom(far));
    assertEquals(far + 1000, ix.holeEnd(far + 500, Long.MAX_VALUE));
    assertTrue(ix.covers(far + 3 * GIB + 9));
    assertFalse(ix.covers(far + 3 * GIB + 10));

    ix.dropEndingBy(far + 2000); // the two first go; the far one keeps its offsets
    assertEquals(1, ix.n);
    assertEquals(far + 3 * GIB, ix.start(0));
    ix.add(ix.lowerBound(far + 4 * GIB), far + 4 * GIB - 100, far + 4 * GIB);
    ix.cutAt(far + 4 * GIB - 50);
    assertEquals(far + 4 * GIB - 100, ix.start(1));
    assertEquals(far + 4 * GIB - 50, ix.end(1));
    assertEquals(far + 3 * GIB + 10, ix.end(0));
  }
}
