package org.vigil.detect;

import java.util.HashMap;
import java.util.Map;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

/**
 * threshold and detection_filter state: per rule and tracked address a counter in a time window,
 * deciding whether a match becomes an alert. One per detect thread (or per flow-hash partition, as
 * tracked addresses follow the flow).
 */
public final class RateLimiter {
  private static final class Counter {
    long windowStart;
    long count;
    boolean alertedInWindow;
  }

  private record Key(int rule, long hi, long lo) {}

  private final Map<Key, Counter> counters = new HashMap<>();
  private final Recorder recorder;

  /** Told of each match of a rate-limited rule by a {@link #deferred} limiter. */
  @FunctionalInterface
  public interface Recorder {
    /** Rule {@code rule} matched on {@code ctx} at {@code timeMicros}. */
    void record(RuleMeta rule, InspectionContext ctx, long timeMicros);
  }

  /** A limiter that counts and decides. */
  public RateLimiter() {
    this(null);
  }

  private RateLimiter(Recorder recorder) {
    this.recorder = recorder;
  }

  /**
   * A limiter that lets every match through uncounted, telling {@code recorder} of each match of a
   * rate-limited rule: for the workers of a multi-threaded run mode, which hand those matches to
   * one counting limiter that decides on them in packet order.
   */
  public static RateLimiter deferred(Recorder recorder) {
    return new RateLimiter(recorder);
  }

  /** True for a limiter made by {@link #deferred()}. */
  public boolean isDeferred() {
    return recorder != null;
  }

  /** Whether the match of {@code rule} at {@code timeMicros} should alert (thread-safe). */
  public boolean allow(RuleMeta rule, InspectionContext ctx, long timeMicros) {
    RuleMeta.RateLimit rl = rule.rateLimit();
    if (rl == null) {
      return true;
    }
    if (recorder != null) {
      recorder.record(rule, ctx, timeMicros);
      return true;
    }
    synchronized (this) {
      return count(rl, rule, ctx, timeMicros);
    }
  }

  private boolean count(
      RuleMeta.RateLimit rl, RuleMeta rule, InspectionContext ctx, long timeMicros) {
    byte[] ip = rl.bySrc() ? ctx.srcIp : ctx.dstIp;
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (ip[i] & 0xff);
      lo = (lo << 8) | (ip[i + 8] & 0xff);
    }
    Key k =
        new Key(rule.index(), ctx.ipVersion == 4 ? hi >>> 32 : hi, ctx.ipVersion == 4 ? -1 : lo);
    Counter c = counters.computeIfAbsent(k, x -> new Counter());
    long window = rl.seconds() * 1_000_000L;
    if (c.count == 0 || timeMicros - c.windowStart >= window) {
      c.windowStart = timeMicros;
      c.count = 0;
      c.alertedInWindow = false;
    }
    c.count++;
    return switch (rl.kind()) {
      case "limit" -> c.count <= rl.count();
      case "threshold" -> {
        if (c.count >= rl.count()) {
          c.count = 0;
          yield true;
        }
        yield false;
      }
      case "both" -> {
        if (c.count >= rl.count() && !c.alertedInWindow) {
          c.alertedInWindow = true;
          yield true;
        }
        yield false;
      }
      case "detection_filter" -> c.count > rl.count();
      default -> true;
    };
  }

  /** Forgets every counter (new capture). */
  public synchronized void clear() {
    counters.clear();
  }
}
