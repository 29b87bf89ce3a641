package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The body bytes each detection pass inspects, as Suricata 7.0.10's file_data and http_client_body
 * getters.
 */
class BodyWindowTest {

  @Test
  void aResponseBodyWaitsForTheMinimalSizeThenInspectsNewBytesWithTheWindowBeforeThem() {
    BodyWindow w = BodyWindow.response(HttpConfig.defaults());
    assertEquals(-1, w.next(0, false));
    assertEquals(-1, w.next(40 * 1024 - 1, false));
    assertFalse(w.started());
    assertEquals(0, w.next(40 * 1024, false)); // the whole body buffered so far
    assertTrue(w.started());
    assertEquals(-1, w.next(40 * 1024, false)); // nothing new
    // 1000 new bytes: the 16 KiB window ends with them
    assertEquals(40 * 1024 - (16 * 1024 - 1000), w.next(40 * 1024 + 1000, false));
    // more new bytes than the window: a quarter window before them
    long before = 40 * 1024 + 1000;
    assertEquals(before - 4 * 1024, w.next(before + 20_000, false));
    // the message completes: the rest, with the window
    assertEquals(before + 20_000 - (16 * 1024 - 10), w.next(before + 20_010, true));
    assertEquals(-1, w.next(before + 20_010, true));
  }

  @Test
  void aSmallResponseBodyIsInspectedWholeWhenTheMessageCompletes() {
    BodyWindow w = BodyWindow.response(HttpConfig.defaults());
    assertEquals(-1, w.next(5000, false));
    assertEquals(0, w.next(6000, true));
  }

  @Test
  void aBodyAtItsLimitIsInspectedBelowTheMinimalSize() {
    BodyWindow w = BodyWindow.response(HttpConfig.defaults().withBodyLimits(100 * 1024, 8 * 1024));
    assertEquals(-1, w.next(8 * 1024 - 1, false));
    assertEquals(0, w.next(8 * 1024, false));
  }

  @Test
  void theSizesComeFromTheConfiguration() {
    BodyWindow w =
        BodyWindow.response(
            HttpConfig.defaults()
                .withBodyInspection(
                    new HttpConfig.BodyInspection(32 * 1024, 4 * 1024, 10 * 1024, 2 * 1024)));
    assertEquals(-1, w.next(10 * 1024 - 1, false));
    assertEquals(0, w.next(10 * 1024, false));
    assertEquals(10 * 1024 - (2 * 1024 - 100), w.next(10 * 1024 + 100, false));
  }

  @Test
  void aRequestBodyIsInspectedWholeUntilMoreThanTheMinimalSizeWasInspected() {
    BodyWindow w = BodyWindow.request(HttpConfig.defaults());
    assertEquals(-1, w.next(32 * 1024 - 1, false));
    assertEquals(0, w.next(32 * 1024, false));
    // inspected == minimal size, not above it: the whole body again
    assertEquals(0, w.next(32 * 1024 + 100, false));
    // now above: the 4 KiB window before the new bytes
    assertEquals(32 * 1024 + 100 - (4 * 1024 - 50), w.next(32 * 1024 + 150, false));
    assertEquals(32 * 1024 + 150 - 1024, w.next(32 * 1024 + 150 + 5000, true));
  }
}
