package org.vigil.outputs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Flushes a set of outputs at least once a second from its own daemon thread, so a quiet run (or a
 * killed one) never holds more than a second of records in its buffers, and once more from a
 * shutdown hook on SIGTERM/SIGINT. The outputs serialize the flush with their writes.
 */
final class FlushTimer {
  static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Runnable flush;
  private final Thread thread;
  private final Thread hook;
  private volatile boolean stopped;

  private FlushTimer(Runnable flush, String name) {
    this.flush = flush;
    this.thread = Thread.ofPlatform().daemon().name("vigil-flush-" + name).unstarted(this::loop);
    this.hook = new Thread(flush, "vigil-flush-at-exit-" + name);
  }

  /** Starts flushing with {@code flush} (which must not throw) every second and at JVM shutdown. */
  static FlushTimer start(Runnable flush, String name) {
    FlushTimer t = new FlushTimer(flush, name);
    t.thread.start();
    Runtime.getRuntime().addShutdownHook(t.hook);
    return t;
  }

  private void loop() {
    while (!stopped) {
      LockSupport.parkNanos(PERIOD_NANOS);
      if (!stopped) {
        flush.run();
      }
    }
  }

  /**
   * Stops the timer and removes the hook (unless the JVM is already shutting down); does not wait.
   */
  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs (or ran) anyway and finds the outputs closed
    }
  }
}
