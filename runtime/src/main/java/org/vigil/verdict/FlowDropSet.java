package org.vigil.verdict;

/**
 * The flows whose every later packet is dropped (inline {@code drop}/{@code reject} verdicts). An
 * open-addressing table of packed 5-tuples, so a lookup allocates nothing. Bounded: an entry expires after
 * {@code idleTimeoutNanos} without packets, and when {@code capacity} flows are held the least recently
 * seen one is forgotten (counted). Owned by one verdict thread; not thread-safe.
 */
public final class FlowDropSet {

  private static final int W = 5; // longs per key

  private final int capacity;
  private final long idleTimeoutNanos;
  private final int mask;
  private final long[] keys;
  private final long[] seen;
  private final long[] probe = new long[W];
  private int size;
  private long evicted;

  /** A set holding at most {@code capacity} flows, each forgotten after {@code idleTimeoutNanos} idle. */
  public FlowDropSet(int capacity, long idleTimeoutNanos) {
    if (capacity < 1 || capacity > (1 << 24)) {
      throw new IllegalArgumentException("flow drop capacity must be 1.." + (1 << 24) + ", got " + capacity);
    }
    if (idleTimeoutNanos <= 0) throw new IllegalArgumentException("flow drop idle timeout must be > 0");
    this.capacity = capacity;
    this.idleTimeoutNanos = idleTimeoutNanos;
    int slots = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
    this.mask = slots - 1;
    this.keys = new long[slots * W];
    this.seen = new long[slots];
  }

  /** Marks {@code key} dropped from now on. */
  public void add(FlowKey key, long nowNanos) {
    key.packInto(probe);
    addProbe(nowNanos);
  }

  /** True when {@code key} is dropped; refreshes its idle timer, or forgets it when it expired. */
  public boolean contains(FlowKey key, long nowNanos) {
    key.packInto(probe);
    return containsProbe(nowNanos);
  }

  /** Marks the flow of the packet last parsed by {@code h} dropped from now on. */
  public void add(InlineHeaders h, long nowNanos) {
    h.flowKeyInto(probe);
    addProbe(nowNanos);
  }

  /** True when the flow of the packet last parsed by {@code h} is dropped (no allocation). */
  public boolean contains(InlineHeaders h, long nowNanos) {
    h.flowKeyInto(probe);
    return containsProbe(nowNanos);
  }

  private boolean containsProbe(long now) {
    int slot = find();
    if (slot < 0) return false;
    if (now - seen[slot] > idleTimeoutNanos) {
      remove(slot);
      return false;
    }
    seen[slot] = now;
    return true;
  }

  private void addProbe(long now) {
    int slot = find();
    if (slot >= 0) {
      seen[slot] = now;
      return;
    }
    if (size >= capacity) makeRoom(now);
    int i = hash() & mask;
    while (keys[i * W + 4] != 0) i = (i + 1) & mask;
    System.arraycopy(probe, 0, keys, i * W, W);
    seen[i] = now;
    size++;
  }

  /** Forgets every expired flow; if none expired, the least recently seen one. */
  private void makeRoom(long now) {
    for (int i = 0; i <= mask; i++) {
      // a removal may shift a later entry into slot i: look at the slot again until it holds a live flow
      while (keys[i * W + 4] != 0 && now - seen[i] > idleTimeoutNanos) remove(i);
    }
    if (size < capacity) return;
    int oldest = -1;
    for (int i = 0; i <= mask; i++) {
      if (keys[i * W + 4] != 0 && (oldest < 0 || seen[i] - seen[oldest] < 0)) oldest = i;
    }
    remove(oldest);
    evicted++;
  }

  private int find() {
    int i = hash() & mask;
    while (true) {
      int k = i * W;
      long meta = keys[k + 4];
      if (meta == 0) return -1;
      if (meta == probe[4] && keys[k] == probe[0] && keys[k + 1] == probe[1] && keys[k + 2] == probe[2]
          && keys[k + 3] == probe[3]) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private int hash() {
    return hashOf(probe, 0);
  }

  private static int hashOf(long[] a, int off) {
    long h = 0x9E3779B97F4A7C15L;
    for (int j = 0; j < W; j++) {
      h ^= a[off + j];
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    return (int) (h ^ (h >>> 32));
  }

  /** Linear-probing deletion: shifts back the entries of the run that follows. */
  private void remove(int slot) {
    int hole = slot;
    int i = slot;
    while (true) {
      i = (i + 1) & mask;
      if (keys[i * W + 4] == 0) break;
      int home = hashOf(keys, i * W) & mask;
      // move i into the hole unless its home lies cyclically in (hole, i]
      boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
      if (!stays) {
        System.arraycopy(keys, i * W, keys, hole * W, W);
        seen[hole] = seen[i];
        hole = i;
      }
    }
    java.util.Arrays.fill(keys, hole * W, hole * W + W, 0L);
    seen[hole] = 0;
    size--;
  }

  /** True when no flow is dropped (the fast path skips the key lookup then). */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Flows currently dropped. */
  public int size() {
    return size;
  }

  /** Flows forgotten because the set was full. */
  public long evicted() {
    return evicted;
  }
}
