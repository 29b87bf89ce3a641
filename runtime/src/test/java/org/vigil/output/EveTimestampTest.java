package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EveTimestampTest {

  @Test
  void formatsEveAndFastLikeSuricataInUtc() {
    EveTimestamp ts = new EveTimestamp();
    assertEquals("2026-11-26T18:50:42.123456+0000", ts.eve(TestEvents.T0));
    assertEquals(
        "11/26/2026-18:50:42.123456", ts.appendFast(new StringBuilder(), TestEvents.T0).toString());
  }

  @Test
  void padsSmallFieldsAndCrossesDays() {
    EveTimestamp ts = new EveTimestamp();
    assertEquals("1970-01-01T00:00:00.000000+0000", ts.eve(0));
    assertEquals("1970-01-01T00:00:00.000001+0000", ts.eve(1_999));
    // the cached day must not leak into the next day
    assertEquals(
        "2000-03-01T01:02:03.000100+0000", ts.eve((951_872_523L) * 1_000_000_000L + 100_000));
    assertEquals("2000-02-29T23:59:59.999999+0000", ts.eve(951_868_799_999_999_999L));
  }
}
