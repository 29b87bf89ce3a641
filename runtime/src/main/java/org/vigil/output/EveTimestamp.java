package org.vigil.output;

import java.time.LocalDate;

/**
 * Formats packet times the way Suricata prints them, in UTC: EVE's {@code
 * 2026-11-26T18:50:42.123456+0000} and fast.log's {@code 11/26/2026-18:50:42.123456}. Keeps the
 * last day's date fields so a run over one capture does no date arithmetic per record, and writes
 * fixed-width digits into a char array (a nanosecond count since 1970 in a long is a year from 1677
 * to 2262: always four digits). Not thread safe: one per writer.
 */
public final class EveTimestamp {
  /** Characters of the EVE form. */
  public static final int EVE_LENGTH = 31;

  private static final int FAST_LENGTH = 26;

  private long cachedDay = Long.MIN_VALUE;
  private int year;
  private int month;
  private int day;
  private final char[] scratch = new char[EVE_LENGTH];

  /**
   * Writes the EVE form of {@code epochNanos} into {@code out} from index 0 ({@link #EVE_LENGTH}
   * characters at least); returns the length written.
   */
  public int eveChars(char[] out, long epochNanos) {
    long secs = Math.floorDiv(epochNanos, 1_000_000_000L);
    date(secs);
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    time(out, 11, secs, epochNanos);
    out[26] = '+';
    out[27] = '0';
    out[28] = '0';
    out[29] = '0';
    out[30] = '0';
    return EVE_LENGTH;
  }

  /** Appends the EVE form of {@code epochNanos} to {@code sb}. */
  public StringBuilder appendEve(StringBuilder sb, long epochNanos) {
    return sb.append(scratch, 0, eveChars(scratch, epochNanos));
  }

  /** Appends the fast.log form of {@code epochNanos} to {@code sb}. */
  public StringBuilder appendFast(StringBuilder sb, long epochNanos) {
    long secs = Math.floorDiv(epochNanos, 1_000_000_000L);
    date(secs);
    char[] out = scratch;
    digits(out, 0, month, 2);
    out[2] = '/';
    digits(out, 3, day, 2);
    out[5] = '/';
    digits(out, 6, year, 4);
    out[10] = '-';
    time(out, 11, secs, epochNanos);
    return sb.append(out, 0, FAST_LENGTH);
  }

  /** The EVE form as a new string. */
  public String eve(long epochNanos) {
    return new String(scratch, 0, eveChars(scratch, epochNanos));
  }

  private void date(long secs) {
    long epochDay = Math.floorDiv(secs, 86_400L);
    if (epochDay != cachedDay) {
      LocalDate d = LocalDate.ofEpochDay(epochDay);
      year = d.getYear();
      month = d.getMonthValue();
      day = d.getDayOfMonth();
      cachedDay = epochDay;
    }
  }

  /** {@code HH:MM:SS.uuuuuu} (15 characters) at {@code at}. */
  private static void time(char[] out, int at, long secs, long epochNanos) {
    int sod = (int) Math.floorMod(secs, 86_400L);
    int micros = (int) (Math.floorMod(epochNanos, 1_000_000_000L) / 1000);
    digits(out, at, sod / 3600, 2);
    out[at + 2] = ':';
    digits(out, at + 3, (sod / 60) % 60, 2);
    out[at + 5] = ':';
    digits(out, at + 6, sod % 60, 2);
    out[at + 8] = '.';
    digits(out, at + 9, micros, 6);
  }

  /**
   * {@code v} (not negative, at most {@code width} digits) as {@code width} digits at {@code at}.
   */
  private static void digits(char[] out, int at, int v, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  }
}
