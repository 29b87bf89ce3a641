package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
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

  @Test
  void agreesWithJavaTimeOverTheWholeRangeOfNanos() {
    DateTimeFormatter eve =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+0000'").withZone(ZoneOffset.UTC);
    DateTimeFormatter fast =
        DateTimeFormatter.ofPattern("MM/dd/uuuu-HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    EveTimestamp ts = new EveTimestamp();
    SplittableRandom r = new SplittableRandom(20);
    char[] out = new char[EveTimestamp.EVE_LENGTH];
    for (int i = 0; i < 20_000; i++) {
      long nanos =
          switch (i) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> -1;
            default ->
                i % 2 == 0 ? r.nextLong() : 1_700_000_000_000_000_000L + r.nextLong(1L << 50);
          };
      Instant at =
          Instant.ofEpochSecond(
              Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
      assertEquals(eve.format(at), ts.eve(nanos), "nanos " + nanos);
      assertEquals(eve.format(at), new String(out, 0, ts.eveChars(out, nanos)), "nanos " + nanos);
      assertEquals(
          fast.format(at),
          ts.appendFast(new StringBuilder("x"), nanos).substring(1),
          "nanos " + nanos);
    }
  }
}
