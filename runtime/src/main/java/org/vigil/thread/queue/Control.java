package org.vigil.thread.queue;

import java.util.concurrent.CountDownLatch;

/**
 * A message between threads that is not a packet: capture time, end of a capture, checkpoint, stop.
 */
public sealed interface Control {
  /**
   * Capture time advanced to {@code nanos} before the packet numbered {@code sequence}: flow
   * timeouts may fire.
   */
  record Tick(long nanos, long sequence) implements Control {}

  /**
   * The capture ended: flush every flow of it, leave what the reader must still decide on in {@code
   * results} (slot of the worker's index), then count {@code done} down.
   */
  record EndOfCapture(CountDownLatch done, Object[] results) implements Control {}

  /**
   * Mid-capture: leave the matches kept so far for the reader to decide on in {@code results} (slot
   * of the worker's index), then count {@code done} down. Every match kept before it comes from a
   * packet or tick the reader sent before it, so the reader decides them ahead of all later ones.
   */
  record Checkpoint(CountDownLatch done, Object[] results) implements Control {}

  /** No more messages: deinit and exit. */
  record Stop() implements Control {}
}
