package org.vigil.output.stats;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line a long capture run prints on stderr: packets so far, the packet rate, and how
 * much of the capture has been read. On a terminal the line is redrawn in place; otherwise a line
 * is printed per interval. The run loop calls {@link #update} as often as it likes (cheap: one
 * clock read) and {@link #finish} at the end.
 */
public final class ProgressLine {
  private final PrintStream err;
  private final String name;
  private final long totalBytes;
  private final long intervalNanos;
  private final boolean inPlace;
  private final long startNanos;
  private long nextDue;
  private boolean printed;

  /**
   * @param err where to print (stderr)
   * @param name what is read, e.g. the capture's file name
   * @param totalBytes the capture's size (0 when unknown: no percentage)
   * @param intervalMillis time between lines
   * @param inPlace redraw one line with a carriage return (for a terminal)
   * @param startNanos {@link System#nanoTime()} at the start
   */
  public ProgressLine(
      PrintStream err,
      String name,
      long totalBytes,
      long intervalMillis,
      boolean inPlace,
      long startNanos) {
    this.err = err;
    this.name = name;
    this.totalBytes = totalBytes;
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.inPlace = inPlace;
    this.startNanos = startNanos;
    this.nextDue = startNanos + intervalNanos;
  }

  /** Prints the line if the interval has passed at {@code nowNanos}. */
  public void update(long packets, long bytesRead, long nowNanos) {
    if (nowNanos - nextDue < 0) {
      return;
    }
    nextDue = nowNanos + intervalNanos;
    print(format(packets, bytesRead, nowNanos - startNanos), false);
  }

  /** Prints the final line (only if a progress line was shown, so short runs stay quiet). */
  public void finish(long packets, long bytesRead, long nowNanos) {
    if (printed) {
      print(format(packets, bytesRead, nowNanos - startNanos), true);
    }
  }

  private void print(String line, boolean last) {
    if (inPlace) {
      err.print("\r" + line + (last ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
    printed = true;
  }

  /**
   * The progress text for a state, e.g. {@code vigil: 1200000 packets, 240.0 kpps, 41.5% of x.pcap,
   * 5 s}.
   */
  public String format(long packets, long bytesRead, long elapsedNanos) {
    double secs = Math.max(elapsedNanos, 1) / 1e9;
    double pps = packets / secs;
    String rate =
        pps >= 1e6
            ? String.format(Locale.ROOT, "%.2f Mpps", pps / 1e6)
            : pps >= 1e3
                ? String.format(Locale.ROOT, "%.1f kpps", pps / 1e3)
                : String.format(Locale.ROOT, "%.0f pps", pps);
    StringBuilder sb =
        new StringBuilder(96).append("vigil: ").append(packets).append(" packets, ").append(rate);
    if (totalBytes > 0) {
      double pct = Math.min(100.0, 100.0 * bytesRead / totalBytes);
      sb.append(String.format(Locale.ROOT, ", %.1f%% of ", pct)).append(name);
    } else if (name != null) {
      sb.append(", ").append(name);
    }
    return sb.append(", ").append((long) secs).append(" s").toString();
  }
}
