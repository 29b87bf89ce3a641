package org.vigil.thread.queue;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits on a queue that is empty (consumer) or full (producer): a few spins and
 * yields, then a consumer sleeps until the producer wakes it ({@link PacketQueue#take}) and a
 * producer parks. The spins are few because a run mode's threads usually outnumber the cores (a
 * reader, its workers, the JIT): a waiting thread soon gives its core to the thread it waits for. A
 * producer facing a full queue parks long at once: the queue holds thousands of packets of work,
 * and every wake-up would take a core from a worker.
 */
final class Idle {
  private static final int SPINS = 8;
  private static final int YIELDS = 8;
  private final long firstPark;
  private int rounds;

  private Idle(long firstPark) {
    this.firstPark = firstPark;
  }

  /**
   * For a consumer waiting on an empty queue: it only spins and yields, and sleeps on its own once
   * {@link #spinning} ends.
   */
  static Idle consumer() {
    return new Idle(0L);
  }

  /** For a producer waiting on a full queue. */
  static Idle producer() {
    return new Idle(500_000L);
  }

  void reset() {
    rounds = 0;
  }

  /** True during the spins and yields, before the wait would park. */
  boolean spinning() {
    return rounds < SPINS + YIELDS;
  }

  void idle() {
    int r = rounds++;
    if (r < SPINS) {
      Thread.onSpinWait();
    } else if (r < SPINS + YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(r < 256 ? firstPark : Math.max(firstPark, 200_000L));
    }
  }
}
