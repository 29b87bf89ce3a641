package org.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.output.AlertEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.PcapFrame;
import org.vigil.outputs.Outputs;
import org.vigil.thread.module.EventSink;
import org.vigil.thread.queue.PacketQueue;

/**
 * Serializes the events of many worker threads into the single-writer outputs (the Chronicle
 * appender is bound to one thread): workers put events into a bounded MPSC queue, drained either by
 * an output thread of its own (the verdict/output stage of {@code autofp}) or by the thread that
 * runs the stage ({@link #drain}: the reader between packets, or the coordinator of the {@code
 * workers} mode over captures, which sleeps in {@link #awaitBatch} until a batch is queued).
 */
public final class OutputStage implements EventSink, AutoCloseable {
  private record StatsTick(long nanos, Map<String, Object> counters) {}

  private record Stop() {}

  private record Flush() {}

  private final Outputs outputs;
  private final PacketQueue queue;
  private final AtomicReference<Throwable> failure;
  private final Thread thread;
  private final Thread drainer = Thread.currentThread();
  private final String drainedBy;
  private long events;
  private long packets;

  /**
   * A stage writing to {@code outputs} through a queue of {@code queueSize}, drained by its own
   * thread if {@code ownThread}, else by the reader.
   */
  OutputStage(
      Outputs outputs, boolean ownThread, int queueSize, AtomicReference<Throwable> failure) {
    this(outputs, ownThread ? null : "reader", queueSize, failure);
  }

  /**
   * A stage writing to {@code outputs} through a queue of {@code queueSize}, drained by the
   * creating thread ({@code drainedBy} names it in stats.json), or by a thread of its own when
   * {@code drainedBy} is null.
   */
  OutputStage(
      Outputs outputs, String drainedBy, int queueSize, AtomicReference<Throwable> failure) {
    boolean ownThread = drainedBy == null;
    this.drainedBy = ownThread ? "own" : drainedBy;
    this.outputs = outputs;
    this.failure = failure;
    this.queue = PacketQueue.mpsc("output.in", queueSize);
    this.thread = ownThread ? new Thread(this::drainLoop, "vigil-output") : null;
    if (thread != null) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** True when an output thread drains the queue; else the caller of {@link #drain} does. */
  boolean ownThread() {
    return thread != null;
  }

  /**
   * A frame for the pcap log, from a worker (its packet went back to its pool: the copy is the
   * stage's now).
   */
  @Override
  public void packet(PcapFrame frame) {
    put(frame);
  }

  @Override
  public void alert(AlertEvent event) {
    put(event);
  }

  @Override
  public void transaction(AppEvent event) {
    put(event);
  }

  @Override
  public void drop(org.vigil.output.DropEvent event) {
    put(event);
  }

  @Override
  public void flow(org.vigil.output.FlowEvent event) {
    put(event);
  }

  @Override
  public void record(org.vigil.output.OutputEvent event) {
    put(event);
  }

  /** Periodic stats.json with {@code counters} (taken by the caller when the workers were idle). */
  void statsTick(long nanos, Map<String, Object> counters) throws IOException {
    if (thread != null) {
      put(new StatsTick(nanos, counters));
    } else {
      drain();
      outputs.statsTick(nanos, () -> counters);
    }
  }

  /** Writes every queued event (the reader's share of the work when there is no output thread). */
  void drain() {
    if (thread != null) {
      return;
    }
    try {
      for (Object m = queue.poll(); m != null; m = queue.poll()) {
        write(m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The draining thread's sleep between two {@link #drain}s: until a quarter of the queue is filled
   * (a worker's put wakes it), {@code nanos} passed, or another thread unparked it (a hand-over, a
   * failure, a stop). Writing the events in batches wakes the drainer, which shares the cores with
   * the workers, once per batch instead of once per event or per poll.
   */
  void awaitBatch(long nanos) {
    if (thread == null) {
      queue.awaitDepth(queue.capacity() / 4, nanos);
    }
  }

  /**
   * Writes what is queued and pushes the outputs' buffered records to their files (in the writer's
   * order).
   */
  void flush() {
    if (thread != null) {
      put(new Flush());
    } else {
      drain();
      try {
        outputs.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Drains the queue and stops the output thread (after every worker stopped). */
  void stop() throws InterruptedException {
    if (thread != null) {
      put(new Stop());
      thread.join();
    } else {
      drain();
    }
  }

  /**
   * Ends the output thread on whatever path the run leaves by (a failure, a refused setting, a
   * stop): what is queued is written, the thread is joined. Does nothing when {@link #stop} ended
   * it or the thread died; the run's caller closes the outputs only after this returns.
   */
  @Override
  public void close() {
    if (thread == null || !thread.isAlive()) {
      return;
    }
    queue.putShared(new Stop(), () -> !thread.isAlive());
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(Object m) {
    // the reader may put events itself (decided thresholds): it drains while the queue is full
    if (!queue.putShared(
        m,
        () -> {
          if (thread == null && Thread.currentThread() == drainer) {
            drain();
          }
          return failure.get() != null;
        })) {
      throw new IllegalStateException("the output stage failed", failure.get());
    }
  }

  private boolean write(Object m) throws IOException {
    switch (m) {
      case AlertEvent a -> {
        events++;
        outputs.alert(a);
      }
      case AppEvent t -> {
        events++;
        outputs.transaction(t);
      }
      case org.vigil.output.DropEvent d -> {
        events++;
        outputs.drop(d);
      }
      case org.vigil.output.FlowEvent f -> {
        events++;
        outputs.flow(f);
      }
      case org.vigil.output.AnomalyEvent a -> {
        events++;
        outputs.record(a);
      }
      case org.vigil.output.FileEvent f -> {
        events++;
        outputs.record(f);
      }
      case PcapFrame f -> {
        packets++;
        outputs.packet(f);
      }
      case StatsTick t -> outputs.statsTick(t.nanos(), t::counters);
      case Flush f -> outputs.flush();
      case Stop s -> {
        return false;
      }
      default -> throw new IllegalStateException("unexpected output message " + m);
    }
    return true;
  }

  private void drainLoop() {
    try {
      while (write(queue.take())) {
        // next event
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  /** The stage's counters for stats.json. */
  Map<String, Object> counters() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("thread", drainedBy);
    m.put("events", events);
    m.put("packets", packets);
    m.put("queue", queue.counters());
    return m;
  }
}
