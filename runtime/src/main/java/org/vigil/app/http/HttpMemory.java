package org.vigil.app.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.memory.Memcap;

/**
 * The HTTP parsers' budget ({@code app-layer.protocols.http.memcap}), shared by the threads of a
 * run: each flow's HTTP layer is counted at {@link #LAYER_BYTES} from its first data to the flow's
 * end; a flow the budget has no room for is not parsed as HTTP and counted (http.memcap).
 */
public final class HttpMemory extends Memcap {
  /**
   * Bytes counted per HTTP layer: its connection parser, request and response parsers, line and
   * field buffers at their initial sizes, and transaction queues (bodies kept for inspection are
   * bounded by the request/response body limits instead).
   */
  public static final int LAYER_BYTES = 3072;

  private final AtomicLong hits = new AtomicLong();

  /** A budget of {@code capBytes} (0: unlimited). */
  public HttpMemory(long capBytes) {
    super(capBytes);
  }

  /** Reserves a layer's bytes; false (and a memcap hit counted) when there is no room. */
  boolean reserveLayer() {
    if (reserve(LAYER_BYTES)) {
      return true;
    }
    hits.incrementAndGet();
    return false;
  }

  /** Flows not parsed as HTTP for want of room. */
  public long hits() {
    return hits.get();
  }

  /** The stats.json counters: memuse (now and at most) and memcap (hits). */
  Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("memuse", used());
    m.put("memuse_peak", peak());
    m.put("memcap", hits());
    return m;
  }
}
