package org.vigil.engine;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How far each worker of a {@code workers} run over captures got in the run's order (every worker
 * meets every packet, in the single mode's order): a worker about to conclude something that
 * another worker's flows could change (no expectation for a new flow) waits until every other
 * worker did its work before that point. Waits go only toward workers behind (a worker publishes
 * its position before it works there), so they end: the worker furthest behind never waits.
 */
final class WorkerProgress {
  /**
   * How long a waiting worker first sleeps between two looks (doubling up to {@link
   * #MAX_PARK_NANOS}).
   */
  static final long PARK_NANOS = 20_000;

  /** The longest a waiting worker sleeps between two looks. */
  static final long MAX_PARK_NANOS = 320_000;

  /**
   * Slots between two workers' positions: each worker publishes at every packet, so each position
   * has 128 bytes (two cache lines, against the adjacent-line prefetch) to itself, and a worker's
   * store never takes the line another worker is writing.
   */
  private static final int STRIDE = 16;

  private final AtomicLongArray positions;
  private final int workers;

  WorkerProgress(int workers) {
    this.workers = workers;
    this.positions = new AtomicLongArray(workers * STRIDE);
  }

  /** Worker {@code worker} did all its work before {@code position}. */
  void publish(int worker, long position) {
    positions.setRelease(worker * STRIDE, position);
  }

  /** Worker {@code worker} ended (read its captures, or stopped): nobody waits for it. */
  void finished(int worker) {
    positions.setRelease(worker * STRIDE, Long.MAX_VALUE);
  }

  /** The least position of the workers but {@code self}. */
  long slowestOther(int self) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < workers; i++) {
      if (i != self) {
        min = Math.min(min, positions.getAcquire(i * STRIDE));
      }
    }
    return min;
  }

  /**
   * Returns once every worker but {@code self} did its work before {@code position}, or false at
   * once when {@code aborted} says the run ends; true when it had to wait.
   */
  boolean await(int self, long position, BooleanSupplier aborted) {
    boolean waited = false;
    long park = PARK_NANOS;
    for (int i = 0; i < workers; i++) {
      if (i == self) {
        continue;
      }
      while (positions.getAcquire(i * STRIDE) < position) {
        if (aborted.getAsBoolean()) {
          return waited;
        }
        waited = true;
        LockSupport.parkNanos(park);
        park = Math.min(2 * park, MAX_PARK_NANOS);
      }
    }
    return waited;
  }
}
