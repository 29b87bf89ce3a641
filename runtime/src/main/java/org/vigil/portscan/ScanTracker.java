package org.vigil.portscan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The run's scan trackers, one per (protocol, role, host): shared by every worker thread, since the
 * flows of one scanner are hashed to different workers. The table is split in stripes, each its own
 * lock and its own least-recently-used order; the memcap bounds the trackers of each stripe, and a
 * new tracker beyond it evicts the stripe's least recently used one (counted). Trackers belong to
 * the capture their thread is in (threads reach the end of a capture at different times); those of
 * a capture are dropped once every thread ended it.
 */
public final class ScanTracker {
  /** The memory one tracker is charged: its counts, its key and its table entry. */
  public static final int ENTRY_BYTES = 200;

  private static final int STRIPES = 16;

  /** Whose tracker: the scanned host's (portscans) or the scanning host's (sweeps). */
  enum Role {
    SCANNED,
    SCANNER
  }

  private record Key(
      ScanProtocol protocol, Role role, int version, long hi, long lo, int capture) {}

  private final class Stripe extends LinkedHashMap<Key, ScanCounters> {
    Stripe() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, ScanCounters> eldest) {
      if (size() > perStripe) {
        evictions.incrementAndGet();
        live.decrementAndGet();
        return true;
      }
      return false;
    }
  }

  private final Stripe[] stripes = new Stripe[STRIPES];
  private final int perStripe;
  private final AtomicLong evictions = new AtomicLong();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong live = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();
  private final int threads;
  private final Map<Integer, Integer> ended = new java.util.HashMap<>();

  /** Trackers within {@code memcapBytes}, for one thread. */
  public ScanTracker(long memcapBytes) {
    this(memcapBytes, 1);
  }

  /** Trackers within {@code memcapBytes}, shared by {@code threads} threads. */
  public ScanTracker(long memcapBytes, int threads) {
    this.threads = Math.max(1, threads);
    this.perStripe =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, memcapBytes / ENTRY_BYTES / STRIPES));
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /**
   * Runs {@code op} on the tracker of {@code host} (made when missing) under its stripe's lock and
   * returns its result.
   */
  <R> R update(
      ScanProtocol protocol,
      Role role,
      int version,
      long hi,
      long lo,
      int capture,
      Function<ScanCounters, R> op) {
    Key key = new Key(protocol, role, version, hi, lo, capture);
    int h = key.hashCode();
    Stripe s = stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    synchronized (s) {
      ScanCounters c = s.get(key);
      if (c == null) {
        c = new ScanCounters();
        s.put(key, c);
        created.incrementAndGet();
        peak.accumulateAndGet(live.incrementAndGet(), Math::max);
      }
      return op.apply(c);
    }
  }

  /**
   * One thread ended capture {@code capture} (its first is 0): once all threads did, the trackers
   * of that capture and earlier ones are dropped, so the next capture starts from nothing.
   */
  public void captureEnded(int capture) {
    synchronized (ended) {
      int n = ended.merge(capture, 1, Integer::sum);
      if (n < threads) {
        return;
      }
      ended.remove(capture);
    }
    for (Stripe s : stripes) {
      synchronized (s) {
        int before = s.size();
        s.keySet().removeIf(k -> k.capture() <= capture);
        live.addAndGet(s.size() - before);
      }
    }
  }

  /** Trackers held now. */
  public long size() {
    long n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.size();
      }
    }
    return n;
  }

  /** The most trackers held at once. */
  public long peak() {
    return peak.get();
  }

  /** The most trackers the memcap allows. */
  public long capacity() {
    return (long) perStripe * STRIPES;
  }

  /** Trackers made so far. */
  public long created() {
    return created.get();
  }

  /** Trackers evicted to keep within the memcap. */
  public long evictions() {
    return evictions.get();
  }
}
