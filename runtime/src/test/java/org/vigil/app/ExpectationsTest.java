package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Announced connections: host pair in either order, server port, data direction, used once. */
class ExpectationsTest {
  private static final byte[] A = {10, 0, 0, 1};
  private static final byte[] B = {10, 0, 0, 2};

  @Test
  void aFlowMeetingAnExpectationTakesItsProtocolOnce() {
    Expectations e = new Expectations();
    e.expect(A, B, 2000, false, "ftp-data");
    assertNull(e.claim(A, B, 2001, false), "another port");
    assertNull(e.claim(A, B, 2000, true), "data the other way");
    assertNull(e.claim(A, new byte[] {10, 0, 0, 3}, 2000, false), "another host");
    assertEquals("ftp-data", e.claim(B, A, 2000, false), "the pair in either order");
    assertNull(e.claim(B, A, 2000, false), "used up");
    assertEquals(0, e.size());
  }

  @Test
  void atMostTenWaitPerHostPair() {
    Expectations e = new Expectations();
    for (int port = 1; port <= 11; port++) {
      e.expect(A, B, port, true, "ftp-data");
    }
    assertEquals(Expectations.MAX_PER_PAIR, e.size());
    assertNull(e.claim(A, B, 1, true), "the oldest went");
    assertEquals("ftp-data", e.claim(A, B, 11, true));
  }
}
