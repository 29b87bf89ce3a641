package org.vigil.stream;

import java.util.Arrays;
import org.vigil.memory.Memcap;

/**
 * A stream memory budget: TCP session state ({@code stream.memcap}) or stored stream data ({@code
 * stream.reassembly.memcap}), possibly shared across flow threads. It also keeps the idle pages of
 * out-of-order data ({@link StreamPages}) for reuse, at most {@link #IDLE_PAGES} and never more
 * than the room left under the cap, so reserved plus idle stays within it; a page it does not keep
 * goes back to the C allocator at once.
 */
public final class StreamMemory extends Memcap {
  /** Idle pages kept for reuse at most (8 MiB). */
  static final int IDLE_PAGES = 2048;

  // handles of the idle pages in idle.pages[0, idleCount), the most recently given last, 0 beyond
  // (freed once this budget is unreachable)
  private final NativePages.Held idle = new NativePages.Held();
  private int idleCount;
  private final Object idleLock = new Object();
  private final StreamArrays arrays = new StreamArrays();

  /** A budget of {@code capBytes} bytes (0 or less: unlimited). */
  public StreamMemory(long capBytes) {
    super(capBytes);
    NativePages.reclaim(this, idle);
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
    long eighthMore = Math.min(max, need + (need >> 3));
    if (reserve(doubled - current - credit)) {
      return (int) doubled;
    }
    if (reserve(eighthMore - current - credit)) {
      return (int) eighthMore;
    }
    return reserve(need - current - credit) ? (int) need : -1;
  }

  /**
   * A page of {@link StreamPages#SIZE} bytes of native memory ({@link NativePages} handle), an idle
   * one when there is one (its content is stale).
   */
  long takePage() {
    synchronized (idleLock) {
      if (idleCount > 0) {
        long p = idle.pages[--idleCount];
        idle.pages[idleCount] = 0;
        return p;
      }
    }
    return NativePages.allocate();
  }

  /**
   * Keeps a page no store holds any more for reuse, if it is a whole page and there is room for it;
   * else frees it.
   */
  void givePage(long page) {
    if (NativePages.size(page) < StreamPages.SIZE) {
      NativePages.free(page);
      return;
    }
    synchronized (idleLock) {
      long idleBytes = (long) (idleCount + 1) * StreamPages.SIZE;
      if (idleCount < IDLE_PAGES && (cap() <= 0 || used() + idleBytes <= cap())) {
        if (idleCount == idle.pages.length) {
          idle.pages = Arrays.copyOf(idle.pages, Math.min(IDLE_PAGES, Math.max(64, idleCount * 2)));
        }
        idle.pages[idleCount++] = page;
        return;
      }
    }
    NativePages.free(page);
  }

  /**
   * An array of stream data of {@code length} bytes (its growth already granted) holding {@code
   * old[0, keep)}, zeros after: an idle one when there is one.
   */
  byte[] takeArray(int length, byte[] old, int keep) {
    return arrays.take(length, old, keep);
  }

  /**
   * Keeps an array no store holds any more (its bytes already released, or handed to its larger
   * successor) for reuse, when the room left under the cap allows.
   */
  void giveArray(byte[] a) {
    arrays.give(a, cap() <= 0 ? -1 : cap() - used());
  }

  /** Gives back the bytes of a store's array and keeps the array for reuse if there is room. */
  void releaseArray(byte[] a) {
    release(a.length);
    giveArray(a);
  }

  /** Bytes of idle arrays kept for reuse. */
  long idleArrayBytes() {
    return arrays.idleBytes();
  }

  /** Pages kept for reuse. */
  int idlePages() {
    synchronized (idleLock) {
      return idleCount;
    }
  }
}
