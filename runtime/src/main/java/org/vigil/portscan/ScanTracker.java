package org.vigil.portscan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The run's scan trackers, one per (protocol, role, host): shared by every worker thread, since the
 * flows of one scanner are hashed to different workers. The table is split in stripes, each its own
 * lock, its own least-recently-used order and its share of the memcap: a tracker is charged {@link
 * #ENTRY_BYTES}, a scanned host's sources per port {@link #SAMPLE_BYTES} more once it has them, and
 * a stripe over its share evicts its least recently used trackers (counted). Trackers belong to the
 * capture their thread is in (threads reach the end of a capture at different times); those of a
 * capture are dropped once every thread ended it.
 */
public final class ScanTracker {
  /** The memory one tracker is charged: its counts, its key and its table entry. */
  public static final int ENTRY_BYTES = 264;

  /** The memory a scanned host's sources per port ({@link PortSources}) are charged. */
  public static final int SAMPLE_BYTES = 248;

  private static final int STRIPE_BITS = 4;
  private static final int STRIPES = 1 << STRIPE_BITS;

  /** Whose tracker: the scanned host's (portscans) or the scanning host's (sweeps). */
  enum Role {
    SCANNED,
    SCANNER
  }

  private record Key(
      ScanProtocol protocol, Role role, int version, long hi, long lo, int capture) {}

  private static final class Stripe extends LinkedHashMap<Key, ScanCounters> {
    long bytes;

    Stripe() {
      super(16, 0.75f, true);
    }
  }

  private final Stripe[] stripes = new Stripe[STRIPES];
  private final long perStripe;
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
    this.perStripe = Math.max(ENTRY_BYTES + SAMPLE_BYTES, memcapBytes / STRIPES);
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
    // The stripe comes from the top bits of a multiplicative hash: taking it from the low bits the
    // stripe's own hash table indexes by would crowd each stripe's keys into a sixteenth of its
    // buckets.
    Stripe s = stripes[(key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - STRIPE_BITS)];
    synchronized (s) {
      ScanCounters c = s.get(key);
      if (c == null) {
        c = new ScanCounters();
        s.put(key, c);
        s.bytes += ENTRY_BYTES;
        created.incrementAndGet();
        peak.accumulateAndGet(live.incrementAndGet(), Math::max);
      }
      boolean sampled = c.sources != null;
      R r = op.apply(c);
      if (!sampled && c.sources != null) {
        s.bytes += SAMPLE_BYTES;
      }
      evict(s);
      return r;
    }
  }

  /**
   * Evicts the stripe's least recently used trackers while it is over its share (never the last).
   */
  private void evict(Stripe s) {
    var it = s.values().iterator();
    while (s.bytes > perStripe && s.size() > 1) {
      s.bytes -= bytes(it.next());
      it.remove();
      evictions.incrementAndGet();
      live.decrementAndGet();
    }
  }

  private static long bytes(ScanCounters c) {
    return ENTRY_BYTES + (c.sources != null ? SAMPLE_BYTES : 0);
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
        s.entrySet()
            .removeIf(
                e -> {
                  if (e.getKey().capture() > capture) {
                    return false;
                  }
                  s.bytes -= bytes(e.getValue());
                  return true;
                });
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

  /** The most trackers the memcap allows (none with sources per port). */
  public long capacity() {
    return perStripe / ENTRY_BYTES * STRIPES;
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
