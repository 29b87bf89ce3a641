package org.vigil.stream;

/**
 * The raw data of a session direction that is ACKed (handed to the app layer) but not raw-inspected
 * yet: what Suricata inspects on its flush pseudo packets when an app-layer parser stops the flow's
 * inspection (SSH once encrypted) or its protocol changes. As there, the direction's raw mark moves
 * past what was handed, so later raw inspection counts from it.
 */
public final class RawBacklog {
  private RawBacklog() {}

  /**
   * Hands {@code insp} the data of direction {@code toServer} of {@code s} between its raw progress
   * and its app-layer progress, one chunk per run between gaps (nothing repeated); returns the
   * bytes handed.
   */
  public static long inspect(TcpSession s, boolean toServer, RawInspector insp) {
    StreamBuffer b = s.buffer(toServer);
    if (b == null) {
      return 0;
    }
    long pos = s.rawProgress(toServer);
    long limit = Math.min(s.appProgress(toServer), b.contig());
    long handed = 0;
    boolean afterGap = false;
    while (pos < limit) {
      int g = b.gapAfter(pos);
      if (g >= 0 && b.gapStart(g) <= pos) {
        pos = b.gapEnd(g);
        afterGap = true;
        continue;
      }
      long end = limit;
      if (g >= 0 && b.gapStart(g) < end) {
        end = b.gapStart(g);
      }
      if (pos < b.base() || b.index(end) > b.array().length) {
        break; // no longer held (released or freed)
      }
      insp.inspect(
          new RawChunk(toServer, pos, b.array(), b.index(pos), (int) (end - pos), 0, afterGap));
      handed += end - pos;
      afterGap = false;
      pos = end;
    }
    s.rawInspectedTo(toServer, pos);
    return handed;
  }
}
