package org.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.acquire.CaptureFeed;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.detect.RateLimiter;
import org.vigil.flow.FlowTable;
import org.vigil.outputs.Outputs;
import org.vigil.thread.EngineErrors;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.module.ThreadModule;
import org.vigil.thread.queue.Control;
import org.vigil.thread.queue.Router;

/**
 * The multi-threaded run modes over capture files with a reader ({@code autofp}, custom layouts;
 * {@code workers} reads in every worker: {@link WorkersCaptureRun}): a reader thread decodes and
 * defragments every capture its feed hands out (in name order; a watched folder until the run is
 * stopped) and routes each packet (copied into a packet of the destination's pool) to a worker
 * thread through its bounded queue; each worker runs its own module chain (flow table, streams and
 * detection), so flows need no locks. The reader sends every worker the capture time (so flow
 * timeouts fire at the same packets as with one table) and, at the end of each capture, waits until
 * every worker flushed that capture's flows, so each capture stays its own world and the alerts are
 * those of the single mode. Thresholds are decided by one limiter in the single mode's order
 * ({@link DeferredThresholds}), and events reach the single-writer outputs through an {@link
 * OutputStage}.
 */
final class WorkerPoolRun implements Run {
  private final EngineAssembly engine;
  private final Outputs outputs;
  private final ThreadLayout layout;
  private final PathStats readerStats = new PathStats();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final RateLimiter thresholds;
  private List<WorkerThread> workers = List.of();
  private OutputStage output;
  private Router router;
  private boolean alertedRouter;
  private DeferredThresholds deferred;
  private long packets;
  private long lastSweepNanos;
  private long ticks;
  private PathStats totals = new PathStats();
  private long alerts;
  private final EngineErrors errors = new EngineErrors();
  private final java.util.ArrayDeque<ReadCapture> outstandingFiles = new java.util.ArrayDeque<>();
  private volatile CaptureFeed feed;
  private volatile boolean stopRequested;
  private boolean unflushed;

  /**
   * A capture the reader read to its end ({@code opened}: as a capture), waiting for the workers to
   * finish it.
   */
  private record ReadCapture(Path file, boolean opened) {}

  /**
   * How long the reader waits for a watched folder's next capture before it writes the workers'
   * events.
   */
  private static final long WAIT_MILLIS = 50;

  /**
   * Packets between two checkpoints (a power of two), where the workers hand over their matches of
   * rate-limited rules to be decided (see {@link DeferredThresholds}).
   */
  private static final long CHECKPOINT = 8192;

  WorkerPoolRun(EngineAssembly engine) {
    this.engine = engine;
    this.thresholds = engine.thresholds();
    this.outputs = engine.outputs();
    this.layout = engine.layout();
    if (layout.workers().isEmpty()) {
      throw new IllegalArgumentException("the " + layout.mode() + " layout has no worker threads");
    }
  }

  @Override
  public Map<String, Object> run(PacketSource source) throws IOException {
    return switch (source) {
      case PacketSource.Captures c -> run(c.feed());
      case PacketSource.Queue q ->
          throw new IllegalArgumentException(
              "the "
                  + layout.mode()
                  + " run mode reads capture files; inline runs are single-threaded");
      case PacketSource.Live l ->
          throw new IllegalArgumentException("live capture runs through EngineAssembly.live()");
    };
  }

  /**
   * Ends the run's feed: the capture being read is read to its end, then the run ends as after its
   * last capture.
   */
  @Override
  public void stop() {
    stopRequested = true;
    CaptureFeed f = feed;
    if (f != null) {
      f.close();
    }
  }

  private Map<String, Object> run(CaptureFeed captures) throws IOException {
    feed = captures;
    if (stopRequested) {
      captures.close();
    }
    output = new OutputStage(outputs, layout.outputThread(), layout.queueSize(), failure);
    deferred = new DeferredThresholds(thresholds, output, layout.workers().size());
    boolean stopped = false;
    try {
      List<WorkerThread> ws = new ArrayList<>();
      for (int i = 0; i < layout.workers().size(); i++) {
        ThreadLayout.WorkerSpec spec = layout.workers().get(i);
        ModuleChain chain =
            engine.chain(
                new ThreadContext(spec.name(), i),
                spec.modules(),
                "threading modules of " + spec.name(),
                output,
                thresholds,
                true,
                null);
        ws.add(new WorkerThread(spec, chain, layout.queueSize(), failure));
      }
      workers = ws;
      alertedRouter = alertedRouter();
      router = layout.newRouter();
      DecodePipeline reader = engine.decodeStage(readerStats, this::route, false);
      for (WorkerThread w : workers) {
        w.start();
      }
      int index = 0;
      boolean watched = captures.known() == null;
      while (true) {
        Path capture = captures.next(WAIT_MILLIS);
        if (capture == null) {
          if (captures.ended()) {
            break;
          }
          // a watched folder with nothing new: the workers' events and finished captures are
          // written meanwhile
          output.drain();
          settle();
          if (watched && unflushed && deferred.idle()) {
            unflushed = false;
            output.flush();
          }
          continue;
        }
        router.capture(index++);
        boolean opened = reader.runCapture(capture);
        endOfCapture(capture, opened);
      }
      while (!deferred.idle()) {
        await(deferred.oldest());
        settle();
      }
      stopWorkers();
      stopped = true;
    } finally {
      if (!stopped) {
        abort();
      }
      // on every path: a failed or refused run leaves no output thread behind
      output.close();
    }
    Map<String, Object> counters = counters();
    outputs.finish(counters);
    return counters;
  }

  /**
   * With the pcap log on, every worker sends the packets it raised alerts on (or every packet, for
   * {@code conditional: all}) to the output stage through the alerted router. A custom layout names
   * it ({@code threading.router: alerted}); workers and autofp use it whenever the pcap log is on.
   */
  private boolean alertedRouter() {
    org.vigil.output.PcapLog.Conditional pcap = outputs.pcapLog();
    if (layout.alerted() && pcap == null) {
      throw new org.vigil.config.ConfigException(
          "threading.router: alerted sends packets to the pcap log, "
              + "which is off (outputs.pcap-log.enabled)");
    }
    if (pcap != null && layout.mode() == RunMode.CUSTOM && !layout.alerted()) {
      throw new org.vigil.config.ConfigException(
          "threading.router: outputs.pcap-log needs the packets with alerts "
              + "at the output stage: add alerted (e.g. router: ["
              + layout.router().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + ", alerted])");
    }
    if (pcap == null) {
      return false;
    }
    boolean all = pcap == org.vigil.output.PcapLog.Conditional.ALL;
    for (WorkerThread w : workers) {
      w.sendToOutput(ctx -> new Router.Alerted(ctx, all), output::packet);
      for (ThreadModule m : w.chain().modules()) {
        if (m instanceof DetectModule d) {
          d.keepFramesForThresholds(!all);
        }
      }
    }
    return true;
  }

  /**
   * The reader's consumer: capture time to every worker when flow tables sweep, then the packet to
   * its worker.
   */
  private void route(Packet p) {
    packets++;
    if (FlowTable.wantsFlow(p)) {
      long now = p.timestampNanos();
      if (FlowTable.sweepDue(lastSweepNanos, now)) {
        lastSweepNanos = now;
        ticks++;
        Control.Tick tick = new Control.Tick(now, packets);
        for (WorkerThread w : workers) {
          send(w, tick);
        }
      }
    }
    if ((packets & 63) == 0) {
      if ((packets & (CHECKPOINT - 1)) == 0) {
        Control.Checkpoint c = deferred.checkpoint();
        for (WorkerThread w : workers) {
          send(w, c);
        }
      }
      output.drain();
      settle();
    }
    WorkerThread w = workers.get(router.route(p));
    Packet copy = w.acquire(p.length());
    copy.copyFrom(p);
    copy.setSequence(packets);
    send(w, copy);
  }

  private void send(WorkerThread w, Object m) {
    // while a worker's queue is full, the reader writes the workers' events (they may wait on the
    // output queue)
    if (!w.input().put(m, this::drainOrFailed)) {
      throw failed();
    }
  }

  private boolean drainOrFailed() {
    if (failure.get() != null) {
      return true;
    }
    output.drain();
    return false;
  }

  private IllegalStateException failed() {
    Throwable t = failure.get();
    if (t instanceof UncheckedIOException u) {
      throw u;
    }
    return new IllegalStateException("a thread of the run failed: " + t, t);
  }

  /**
   * Tells every worker the capture ended. The reader goes on with the next capture at once (each
   * worker flushes the capture's flows before it takes the next capture's packets); the capture's
   * thresholds are decided once every worker passed its end (see {@link #settle}).
   */
  private void endOfCapture(Path capture, boolean opened) {
    Control.EndOfCapture eoc = deferred.endOfCapture();
    for (WorkerThread w : workers) {
      send(w, eoc);
    }
    outstandingFiles.add(new ReadCapture(capture, opened));
  }

  /**
   * Decides the thresholds of every batch all workers answered, in order; the feed hears of each
   * capture whose end was decided that it was read (a feed that deletes captures deletes it only
   * now).
   */
  private void settle() {
    for (int ended = deferred.settle(); ended > 0; ended--) {
      unflushed = true;
      ReadCapture c = outstandingFiles.poll();
      try {
        feed.read(c.file(), c.opened());
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }

  private void await(CountDownLatch latch) {
    try {
      while (!latch.await(1, TimeUnit.MILLISECONDS)) {
        if (drainOrFailed()) {
          throw failed();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining the worker queues", e);
    }
  }

  /**
   * Graceful shutdown: every queue is drained (the stop message comes last), then the threads end.
   */
  private void stopWorkers() {
    for (WorkerThread w : workers) {
      send(w, new Control.Stop());
    }
    try {
      for (WorkerThread w : workers) {
        while (w.alive()) {
          if (drainOrFailed()) {
            throw failed();
          }
          w.join(1);
        }
      }
      if (failure.get() != null) {
        throw failed();
      }
      output.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the workers", e);
    }
    if (failure.get() != null) {
      throw failed();
    }
  }

  /** After a failure: tells the surviving threads to stop, without waiting on full queues. */
  private void abort() {
    failure.compareAndSet(null, new IllegalStateException("run aborted"));
    for (WorkerThread w : workers) {
      w.input().put(new Control.Stop(), () -> true);
    }
  }

  /**
   * The counters of stats.json: the totals, as the single mode writes them, then per thread and per
   * queue.
   */
  private Map<String, Object> counters() {
    PathStats all = new PathStats();
    all.add(readerStats);
    PoolTotals sum = new PoolTotals();
    Map<String, Object> threads = new LinkedHashMap<>();
    Map<String, Object> reader = new LinkedHashMap<>();
    reader.put("packets", packets);
    reader.put("decoded", readerStats.packets);
    reader.put("cpu_ms", ThreadCpu.current() / 1_000_000);
    threads.put("RX", reader);
    Map<String, Object> queues = new LinkedHashMap<>();
    for (WorkerThread w : workers) {
      all.add(w.context().stats());
      sum.addChain(w.chain(), errors);
      threads.put(w.context().name(), w.counters());
      queues.put(w.input().name(), w.input().counters());
    }
    // the reader's own (empty) flow counters are not worker flows: the workers' tables hold them
    totals = all;
    sum.alerts += deferred.alerts();
    alerts = sum.alerts;
    Map<String, Object> m = StatsTree.runCounters(all, sum.tcp(), sum.detect(errors.count()));
    engine.ruleset().guard().addTo(m);
    engine.memory().addTo(m);
    engine.rules().addTo(m);
    Map<String, Object> threading =
        StatsTree.threading(layout, alertedRouter, deferred.frames(), ticks, threads);
    threading.put("queues", queues);
    threading.put("output", output.counters());
    m.put("threading", threading);
    StatsTree.addFeed(m, feed);
    return m;
  }

  /** Alerts raised (known after the run). */
  @Override
  public long alerts() {
    return alerts;
  }

  /** Packets the reader routed to the workers (captured, reassembled and tunnel inner). */
  @Override
  public long packets() {
    return packets;
  }

  /** Packets whose processing failed on an internal error (counted and passed over). */
  @Override
  public long engineErrors() {
    return errors.count();
  }

  /** The first internal errors met. */
  @Override
  public List<String> errorMessages() {
    return errors.messages();
  }

  /** The packet path's counters, all threads together (after the run). */
  @Override
  public PathStats pathStats() {
    return totals;
  }
}
