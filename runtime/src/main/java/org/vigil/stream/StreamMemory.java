package org.vigil.stream;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import org.vigil.memory.Memcap;

/**
 * A stream memory budget: TCP session state ({@code stream.memcap}) or stored stream data ({@code
 * stream.reassembly.memcap}), possibly shared across flow threads. It also keeps the idle pages of
 * out-of-order data ({@link StreamPages}) for reuse, at most {@link #IDLE_PAGES} and never more
 * than the room left under the cap, so reserved plus idle stays within it.
 */
public final class StreamMemory extends Memcap {
  /** Idle pages kept for reuse at most (8 MiB). */
  static final int IDLE_PAGES = 2048;

  private final ArrayDeque<MemorySegment> idle = new ArrayDeque<>();

  /** A budget of {@code capBytes} bytes (0 or less: unlimited). */
  public StreamMemory(long capBytes) {
    super(capBytes);
  }

  /** Arrays of stream data start at this length. */
  static final int INITIAL_ARRAY = 4096;

  /**
   * Reserves the growth of a store's array from {@code current} bytes to one holding {@code need},
   * less {@code credit} bytes the store frees with it, and returns the new length: double (at least
   * {@link #INITIAL_ARRAY}), else near the cap an eighth more than needed (so the next segments do
   * not each copy the whole store), else exactly what is needed; -1 when even that is refused.
   */
  int grantArray(long need, int current, long credit) {
    long max = Integer.MAX_VALUE - 16L;
    if (need > max) {
      return -1;
    }
    long doubled = Math.max(need, Math.min(max, Math.max(INITIAL_ARRAY, current * 2L)));
    for (long len : new long[] {doubled, Math.min(max, need + (need >> 3)), need}) {
      if (reserve(len - current - credit)) {
        return (int) len;
      }
    }
    return -1;
  }

  /**
   * A page of {@link StreamPages#SIZE} bytes of native memory, reused when one is idle (its content
   * is stale); a page no pool keeps is freed once the garbage collector finds it unreachable.
   */
  MemorySegment takePage() {
    synchronized (idle) {
      MemorySegment p = idle.pollFirst();
      if (p != null) {
        return p;
      }
    }
    return Arena.ofAuto().allocate(StreamPages.SIZE);
  }

  /** Keeps a page no store holds any more for reuse, if there is room for it. */
  void givePage(MemorySegment page) {
    synchronized (idle) {
      long idleBytes = (long) (idle.size() + 1) * StreamPages.SIZE;
      if (idle.size() < IDLE_PAGES && (cap() <= 0 || used() + idleBytes <= cap())) {
        idle.addFirst(page);
      }
    }
  }

  /** Pages kept for reuse. */
  int idlePages() {
    synchronized (idle) {
      return idle.size();
    }
  }
}
