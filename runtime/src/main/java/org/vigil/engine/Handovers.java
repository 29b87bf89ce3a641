package org.vigil.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A worker's hand-overs to the run that the run has not decided yet, at most {@code limit}: the run
 * decides a checkpoint only once every worker handed it over, so a worker that ran far ahead of
 * another (a flow-hash share much heavier than the other's) would otherwise pile up its kept
 * matches, and the frames they keep, without bound. Past the limit {@link #add} waits until the run
 * took one, or the run failed.
 */
final class Handovers<T> {
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int limit;
  private long waits;

  Handovers(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit);
    }
    this.limit = limit;
  }

  /**
   * Adds {@code h}, tells the run ({@code wake}), and while more than the limit are undecided waits
   * (false when {@code failed} said so before the run took enough).
   */
  boolean add(T h, Runnable wake, BooleanSupplier failed) {
    queue.add(h);
    size.incrementAndGet();
    wake.run();
    if (size.get() <= limit) {
      return true;
    }
    waits++;
    while (size.get() > limit) {
      if (failed.getAsBoolean()) {
        return false;
      }
      LockSupport.parkNanos(1_000_000);
    }
    return true;
  }

  /** The oldest hand-over, or null (the run's side). */
  T peek() {
    return queue.peek();
  }

  /** Takes the oldest hand-over, or null (the run's side). */
  T poll() {
    T h = queue.poll();
    if (h != null) {
      size.decrementAndGet();
    }
    return h;
  }

  /** Times {@link #add} waited for the run (the adding thread's count). */
  long waits() {
    return waits;
  }
}
