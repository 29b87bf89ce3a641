package org.vigil.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleAction;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.threshold.CountingFilter;
import org.vigil.detect.threshold.RateFilter;
import org.vigil.detect.threshold.RuleFilters;
import org.vigil.detect.threshold.SuppressFilter;
import org.vigil.detect.threshold.ThresholdFilter;
import org.vigil.detect.threshold.ThresholdPolicy;
import org.vigil.detect.threshold.Track;

/**
 * Decides whether a match becomes an alert under the rule's {@code threshold:}/{@code
 * detection_filter} and the threshold file ({@link ThresholdPolicy}): suppressions, then per filter
 * and tracked address a counter in a time window. One per run (thread-safe), or a deferred view per
 * worker thread.
 */
public final class RateLimiter {
  private static final class Counter {
    long windowStart;
    long count;
    boolean alertedInWindow;
    long actionSince = -1;
  }

  private record Key(int rule, int filter, long a, long b, long c, long d) {
    // equals and hashCode written out (hashCode with the record's own formula): the generated ones
    // go through method handles that C2 inlines as large guard trees into every map lookup
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && rule == k.rule
          && filter == k.filter
          && a == k.a
          && b == k.b
          && c == k.c
          && d == k.d;
    }

    @Override
    public int hashCode() {
      int h = Integer.hashCode(rule);
      h = h * 31 + Integer.hashCode(filter);
      h = h * 31 + Long.hashCode(a);
      h = h * 31 + Long.hashCode(b);
      h = h * 31 + Long.hashCode(c);
      return h * 31 + Long.hashCode(d);
    }
  }

  private final Map<Key, Counter> counters = new HashMap<>();
  private final Recorder recorder;
  private final ThresholdPolicy policy;

  /** The run's xbits, shared like the thresholds by every detector of the run. */
  private final org.vigil.detect.api.HostBits hostBits;

  /** Told of each match of a rate-limited rule by a {@link #deferred} limiter. */
  @FunctionalInterface
  public interface Recorder {
    /** Rule {@code rule} matched on {@code ctx} at {@code timeMicros}. */
    void record(RuleMeta rule, InspectionContext ctx, long timeMicros);
  }

  /** A limiter that counts and decides on the rules' own thresholds only. */
  public RateLimiter() {
    this(ThresholdPolicy.none(), null);
  }

  /** A limiter that counts and decides under {@code policy}. */
  public RateLimiter(ThresholdPolicy policy) {
    this(policy, null);
  }

  private RateLimiter(ThresholdPolicy policy, Recorder recorder) {
    this(policy, recorder, new org.vigil.detect.api.HostBits());
  }

  private RateLimiter(
      ThresholdPolicy policy, Recorder recorder, org.vigil.detect.api.HostBits hostBits) {
    this.policy = policy;
    this.recorder = recorder;
    this.hostBits = hostBits;
  }

  /**
   * As {@link #deferred(ThresholdPolicy, Recorder)}, keeping its xbits in {@code hostBits} (the
   * counting limiter's, so that every worker of a run sees the same).
   */
  public static RateLimiter deferred(
      ThresholdPolicy policy, Recorder recorder, org.vigil.detect.api.HostBits hostBits) {
    return new RateLimiter(policy, recorder, hostBits);
  }

  /** The xbits of the detectors using this limiter. */
  public org.vigil.detect.api.HostBits hostBits() {
    return hostBits;
  }

  /**
   * A limiter that lets every match through uncounted, telling {@code recorder} of each match of a
   * rate-limited rule: for the workers of a multi-threaded run mode, which hand those matches to
   * one counting limiter that decides on them in packet order.
   */
  public static RateLimiter deferred(Recorder recorder) {
    return new RateLimiter(ThresholdPolicy.none(), recorder);
  }

  /** As {@link #deferred(Recorder)}, for the rules {@code policy} filters. */
  public static RateLimiter deferred(ThresholdPolicy policy, Recorder recorder) {
    return new RateLimiter(policy, recorder);
  }

  /** True for a limiter made by {@link #deferred}. */
  public boolean isDeferred() {
    return recorder != null;
  }

  /** The threshold file's filters this limiter applies. */
  public ThresholdPolicy policy() {
    return policy;
  }

  /** Whether anything filters the alerts of {@code rule} (its matches are counted or checked). */
  public boolean limits(RuleMeta rule) {
    return !policy.of(rule).isEmpty();
  }

  /** Whether the match of {@code rule} at {@code timeMicros} should alert (thread-safe). */
  public boolean allow(RuleMeta rule, InspectionContext ctx, long timeMicros) {
    RuleFilters f = policy.of(rule);
    if (f.isEmpty()) {
      return true;
    }
    if (recorder != null) {
      recorder.record(rule, ctx, timeMicros);
      return true;
    }
    if (f.noAlert()) {
      return false;
    }
    byte[] src = address(ctx.srcIp, ctx.ipVersion);
    byte[] dst = address(ctx.dstIp, ctx.ipVersion);
    for (SuppressFilter s : f.suppress()) {
      if (s.suppresses(src, dst)) {
        return false;
      }
    }
    synchronized (this) {
      List<CountingFilter> counting = f.counting();
      for (int i = 0; i < counting.size(); i++) {
        if (!count(counting.get(i), i, rule, ctx, timeMicros)) {
          return false;
        }
      }
      return true;
    }
  }

  private static byte[] address(byte[] ip, int version) {
    return version == 4 ? java.util.Arrays.copyOf(ip, 4) : ip;
  }

  private boolean count(
      CountingFilter filter, int index, RuleMeta rule, InspectionContext ctx, long timeMicros) {
    Counter c = counters.computeIfAbsent(key(filter.track(), index, rule, ctx), x -> new Counter());
    return switch (filter) {
      case ThresholdFilter t -> threshold(t, c, timeMicros);
      case RateFilter r -> rate(r, c, timeMicros);
    };
  }

  private static Key key(Track track, int index, RuleMeta rule, InspectionContext ctx) {
    long[] s = pack(ctx.srcIp, ctx.ipVersion);
    long[] d = pack(ctx.dstIp, ctx.ipVersion);
    return switch (track) {
      case BY_SRC, BY_EITHER -> new Key(rule.index(), index, s[0], s[1], 0, 0);
      case BY_DST -> new Key(rule.index(), index, d[0], d[1], 0, 0);
      case BY_RULE -> new Key(rule.index(), index, 0, 0, 0, 0);
      case BY_BOTH -> {
        boolean srcFirst = s[0] < d[0] || (s[0] == d[0] && Long.compareUnsigned(s[1], d[1]) <= 0);
        long[] lo = srcFirst ? s : d;
        long[] hi = srcFirst ? d : s;
        yield new Key(rule.index(), index, lo[0], lo[1], hi[0], hi[1]);
      }
    };
  }

  private static long[] pack(byte[] ip, int version) {
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (ip[i] & 0xff);
      lo = (lo << 8) | (ip[i + 8] & 0xff);
    }
    return version == 4 ? new long[] {hi >>> 32, -1} : new long[] {hi, lo};
  }

  private static boolean threshold(ThresholdFilter t, Counter c, long timeMicros) {
    long window = t.seconds() * 1_000_000L;
    if (c.count == 0 || timeMicros - c.windowStart >= window) {
      c.windowStart = timeMicros;
      c.count = 0;
      c.alertedInWindow = false;
    }
    c.count++;
    return switch (t.type()) {
      case "limit" -> c.count <= t.count();
      case "threshold" -> {
        if (c.count >= t.count()) {
          c.count = 0;
          yield true;
        }
        yield false;
      }
      case "both" -> {
        if (c.count >= t.count() && !c.alertedInWindow) {
          c.alertedInWindow = true;
          yield true;
        }
        yield false;
      }
      case "detection_filter" -> c.count > t.count();
      default -> true;
    };
  }

  /**
   * A rate filter: once more than {@code count} matches fall in the window the new action holds for
   * {@code timeout} seconds. Only {@code pass} changes whether the match alerts here (it does not);
   * alert, drop and reject keep the alert.
   */
  private static boolean rate(RateFilter r, Counter c, long timeMicros) {
    long seconds = timeMicros / 1_000_000L;
    boolean active;
    if (c.actionSince >= 0) {
      if (seconds - c.actionSince > r.timeout()) {
        c.actionSince = -1;
        active = false;
      } else {
        active = true;
      }
    } else if (c.count > 0 && timeMicros - c.windowStart <= r.seconds() * 1_000_000L) {
      c.count++;
      active = c.count > r.count();
      if (active) {
        c.actionSince = seconds;
      }
    } else {
      c.windowStart = timeMicros;
      c.count = 1;
      active = false;
    }
    return !(active && r.newAction() == RuleAction.PASS);
  }

  /** Forgets every counter and xbit (new capture). */
  public synchronized void clear() {
    counters.clear();
    hostBits.clear();
  }
}
