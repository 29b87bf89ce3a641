package org.vigil.thread.queue;

import java.util.concurrent.locks.LockSupport;

/** How a thread waits on a queue that is empty (consumer) or full (producer): spin, then yield, then park. */
final class Idle {
  private int rounds;

  void reset() {
    rounds = 0;
  }

  void idle() {
    int r = rounds++;
    if (r < 64) {
      Thread.onSpinWait();
    } else if (r < 128) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(r < 1024 ? 10_000L : 200_000L);
    }
  }
}
