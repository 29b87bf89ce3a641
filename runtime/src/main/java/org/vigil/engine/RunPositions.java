package org.vigil.engine;

import org.vigil.flow.FlowTable;

/**
 * A worker's position in the run's order, published to the other workers ({@link WorkerProgress}):
 * {@code 2 * n} for the flow sweep before packet {@code n}, {@code 2 * n + 1} for the packet, past
 * a capture's packets its end. A sweep or a capture's end takes a position per flow it may end, the
 * single mode's order of ending them (class after class, each class by when its flows were last
 * seen), and the positions after it start past those.
 */
final class RunPositions {
  private final WorkerProgress progress;
  private final int index;
  private long position;

  /** Added to the positions: what the sweeps and capture ends so far took. */
  private long base;

  /** The sweep or capture's end running: its position before any flow ended. */
  private long flushAt;

  /** The positions each flow class takes in it. */
  private long flushSpan;

  /** The sequence number of the packet before the capture being read. */
  private long captureFirst;

  RunPositions(WorkerProgress progress, int index) {
    this.progress = progress;
    this.index = index;
  }

  /** The worker's position now. */
  long position() {
    return position;
  }

  /** The run-order position of {@code at} ({@code 2 * n + 1} for packet {@code n}). */
  long of(long at) {
    return base + at;
  }

  /** The worker is at {@code at} ({@code 2 * n + 1} for packet {@code n}). */
  void publish(long at) {
    position = base + at;
    progress.publish(index, position);
  }

  /** A capture starts after packet {@code sequence}. */
  void captureStarts(long sequence) {
    captureFirst = sequence;
  }

  /** The flow sweep before packet {@code seq} starts. */
  void sweepStarts(long seq) {
    flushAt = 2 * seq;
    flushSpan = span(2 * (seq - captureFirst) + 1);
    publish(flushAt);
  }

  /** The capture's end after packet {@code sequence} starts. */
  void captureEndStarts(long sequence) {
    flushAt = 2 * sequence + 2;
    flushSpan = span(2 * (sequence - captureFirst) + 2);
    publish(flushAt);
  }

  /** The capture's end has ended its flows: the worker is past every position it took. */
  void captureEndDone() {
    publish(flushAt + FlowTable.CLASSES * flushSpan);
    flushDone();
  }

  /** The sweep or capture's end running is over: later positions start past the ones it took. */
  void flushDone() {
    base += FlowTable.CLASSES * flushSpan;
  }

  /**
   * A flow of the table ends in a sweep or at the capture's end: the single mode ends its flows
   * class after class ({@code lruClass}), each class by the order its flows were last seen in
   * ({@code stamp}), so that is the flow's position: an expectation a flow ended before it made is
   * there for it, as in single.
   */
  void flush(int lruClass, long stamp) {
    if (flushSpan == 0) {
      return;
    }
    long seen = Math.clamp(stamp - 2 * captureFirst, 0, flushSpan - 1);
    publish(flushAt + lruClass * flushSpan + seen);
  }

  /**
   * The positions each flow class takes in a sweep or capture's end that needs {@code wanted}, or 0
   * once the positions taken near a quarter of the long range (a capture of hundreds of millions of
   * packets whose time goes back at every packet): its flows then share one position. Every worker
   * decides alike, at the same packets.
   */
  private long span(long wanted) {
    return base < Long.MAX_VALUE / 4 - FlowTable.CLASSES * wanted ? wanted : 0;
  }
}
