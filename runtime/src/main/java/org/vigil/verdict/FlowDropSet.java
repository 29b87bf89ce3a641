package org.vigil.verdict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flows whose every later packet is dropped (inline {@code drop}/{@code reject} verdicts). Bounded:
 * an entry expires after {@code idleTimeoutNanos} without packets, and past {@code capacity} the least
 * recently seen flow is forgotten (counted). Owned by one verdict thread; not thread-safe.
 */
public final class FlowDropSet {

  private final int capacity;
  private final long idleTimeoutNanos;
  private final LinkedHashMap<FlowKey, long[]> lastSeen;
  private long evicted;

  /** A set holding at most {@code capacity} flows, each forgotten after {@code idleTimeoutNanos} idle. */
  public FlowDropSet(int capacity, long idleTimeoutNanos) {
    if (capacity < 1) throw new IllegalArgumentException("flow drop capacity must be >= 1, got " + capacity);
    if (idleTimeoutNanos <= 0) throw new IllegalArgumentException("flow drop idle timeout must be > 0");
    this.capacity = capacity;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.lastSeen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<FlowKey, long[]> eldest) {
        if (size() > FlowDropSet.this.capacity) {
          evicted++;
          return true;
        }
        return false;
      }
    };
  }

  /** Marks {@code key} dropped from now on. */
  public void add(FlowKey key, long nowNanos) {
    long[] t = lastSeen.get(key);
    if (t == null) lastSeen.put(key, new long[] {nowNanos});
    else t[0] = nowNanos;
  }

  /** True when {@code key} is dropped; refreshes its idle timer, or forgets it when it expired. */
  public boolean contains(FlowKey key, long nowNanos) {
    long[] t = lastSeen.get(key);
    if (t == null) return false;
    if (nowNanos - t[0] > idleTimeoutNanos) {
      lastSeen.remove(key);
      return false;
    }
    t[0] = nowNanos;
    return true;
  }

  /** True when no flow is dropped (the fast path skips the key lookup then). */
  public boolean isEmpty() {
    return lastSeen.isEmpty();
  }

  /** Flows currently dropped. */
  public int size() {
    return lastSeen.size();
  }

  /** Flows forgotten because the set was full. */
  public long evicted() {
    return evicted;
  }
}
