package org.vigil.output.log;

import java.util.Arrays;
import org.vigil.output.AlertEvent;
import org.vigil.output.AlertPayload;

/**
 * Bounds the bytes an alert carries (payload, frame, HTTP bodies) so that its record fits a block
 * of the alert log: when they total more than {@link #MAX_BYTES}, the largest are cut first, each
 * to the size of the next largest, until the total fits. Packet data, frame and bodies keep their
 * start; reassembled stream data keeps its end, the bytes nearest the match (what EVE shows of it).
 * The cut alert's payload says {@link AlertPayload#truncated() truncated}; the alert's other fields
 * are kept as they are.
 */
final class AlertFit {

  /**
   * The most bytes of payload, frame and bodies one alert record keeps: an eighth of a block, so
   * that with the rest of the record it stays within Chronicle's bound of a quarter of a block.
   */
  static final int MAX_BYTES = (int) (AlertLog.BLOCK_BYTES / 8);

  private AlertFit() {}

  /** {@code a} itself when its bytes fit {@code max}, else a copy with them cut to fit. */
  static AlertEvent fit(AlertEvent a, int max) {
    AlertPayload p = a.payload();
    if (p == null) {
      return a;
    }
    int[] len = {
      length(p.payload()), length(p.packet()), length(p.requestBody()), length(p.responseBody())
    };
    long total = (long) len[0] + len[1] + len[2] + len[3];
    if (total <= max) {
      return a;
    }
    while (total > max) {
      int big = 0;
      for (int i = 1; i < len.length; i++) {
        if (len[i] > len[big]) {
          big = i;
        }
      }
      int next = 0;
      for (int i = 0; i < len.length; i++) {
        if (i != big && len[i] > next) {
          next = len[i];
        }
      }
      long excess = total - max;
      int cut;
      if (len[big] > next) {
        cut = (int) Math.min(len[big] - next, excess);
      } else {
        // the largest are equal: this one gives its share of the excess
        int same = 0;
        for (int l : len) {
          same += l == next ? 1 : 0;
        }
        cut = (int) Math.min(len[big], (excess + same - 1) / same);
      }
      len[big] -= cut;
      total -= cut;
    }
    AlertPayload fitted =
        new AlertPayload(
            p.stream() ? tail(p.payload(), len[0]) : head(p.payload(), len[0]),
            p.stream(),
            head(p.packet(), len[1]),
            p.linkType(),
            head(p.requestBody(), len[2]),
            head(p.responseBody(), len[3]),
            p.shown(),
            true);
    return a.toBuilder().payload(fitted).build();
  }

  private static int length(byte[] b) {
    return b == null ? 0 : b.length;
  }

  private static byte[] head(byte[] b, int n) {
    return b == null || b.length == n ? b : Arrays.copyOf(b, n);
  }

  private static byte[] tail(byte[] b, int n) {
    return b == null || b.length == n ? b : Arrays.copyOfRange(b, b.length - n, b.length);
  }
}
