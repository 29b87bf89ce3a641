package org.vigil.output;

import java.time.LocalDate;

/**
 * Formats packet times the way Suricata prints them, in UTC: EVE's {@code
 * 2026-11-26T18:50:42.123456+0000} and fast.log's {@code 11/26/2026-18:50:42.123456}. Keeps the
 * last day's date fields so a run over one capture does no date arithmetic per record. Not thread
 * safe: one per writer.
 */
public final class EveTimestamp {
  private long cachedDay = Long.MIN_VALUE;
  private int year;
  private int month;
  private int day;

  /** Appends the EVE form of {@code epochNanos} to {@code sb}. */
  public StringBuilder appendEve(StringBuilder sb, long epochNanos) {
    long secs = Math.floorDiv(epochNanos, 1_000_000_000L);
    long micros = Math.floorMod(epochNanos, 1_000_000_000L) / 1000;
    date(secs);
    pad(sb, year, 4).append('-');
    pad(sb, month, 2).append('-');
    pad(sb, day, 2).append('T');
    time(sb, secs, micros);
    return sb.append("+0000");
  }

  /** Appends the fast.log form of {@code epochNanos} to {@code sb}. */
  public StringBuilder appendFast(StringBuilder sb, long epochNanos) {
    long secs = Math.floorDiv(epochNanos, 1_000_000_000L);
    long micros = Math.floorMod(epochNanos, 1_000_000_000L) / 1000;
    date(secs);
    pad(sb, month, 2).append('/');
    pad(sb, day, 2).append('/');
    pad(sb, year, 4).append('-');
    return time(sb, secs, micros);
  }

  /** The EVE form as a new string. */
  public String eve(long epochNanos) {
    return appendEve(new StringBuilder(32), epochNanos).toString();
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

  private static StringBuilder time(StringBuilder sb, long secs, long micros) {
    int sod = (int) Math.floorMod(secs, 86_400L);
    pad(sb, sod / 3600, 2).append(':');
    pad(sb, (sod / 60) % 60, 2).append(':');
    pad(sb, sod % 60, 2).append('.');
    return pad(sb, (int) micros, 6);
  }

  private static StringBuilder pad(StringBuilder sb, int v, int width) {
    int digits = v == 0 ? 1 : (int) Math.log10(v) + 1;
    for (int i = digits; i < width; i++) {
      sb.append('0');
    }
    return sb.append(v);
  }
}
