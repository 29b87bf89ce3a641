package org.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.vigil.acquire.CaptureFeed;
import org.vigil.decode.PathStats;
import org.vigil.detect.RateLimiter;
import org.vigil.outputs.Outputs;
import org.vigil.thread.EngineErrors;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.module.ThreadModule;
import org.vigil.thread.queue.Router;

/**
 * The {@code workers} run mode over capture files, as Suricata means it: every worker thread reads
 * each capture itself, decodes every frame, tracks every fragmented datagram (the bytes and the
 * rebuilt datagram stay with the worker that runs its flow), and runs its flow table, streams and
 * detection on the packets of the flows it owns ({@link ShardWorker}); no packet is copied or
 * queued. The calling thread coordinates: it hands each capture of the feed to every worker (in
 * name order; a watched folder until the run is stopped), writes the workers' events through the
 * {@link OutputStage}, decides the thresholds of the workers' hand-overs in the single mode's order
 * ({@link DeferredThresholds}) and reports each capture read once every worker finished it. Each
 * bucket of flow hashes ({@link Router.FlowHash}, salted per capture) is owned by the first worker
 * that meets it ({@link FlowClaims}), the one ahead in the captures, so new flows go to the less
 * loaded worker; every packet of a flow is still run by one worker, and the alerts are those of the
 * single mode.
 *
 * <p>Decode and defrag counters are counted once (the first worker's); every worker keeps its own
 * defragmenter over all fragments (a fragment's worker is known only once it is reassembled), each
 * bounded by the defrag memcap.
 */
final class WorkersCaptureRun implements Run {
  /** How long the run waits for a watched folder's next capture while the workers are idle. */
  private static final long WAIT_MILLIS = 50;

  /**
   * The longest the run sleeps between two writes of the workers' events when fewer than a batch
   * were queued (the outputs' files are flushed every second).
   */
  private static final long BATCH_NANOS = 50_000_000;

  private final EngineAssembly engine;
  private final Outputs outputs;
  private final ThreadLayout layout;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final RateLimiter thresholds;
  private final CaptureGate gate = new CaptureGate();
  private final EngineErrors errors = new EngineErrors();
  private final ArrayDeque<Path> outstanding = new ArrayDeque<>();
  private final FlowClaims claims;
  private List<ShardWorker> workers = List.of();
  private OutputStage output;
  private DeferredThresholds deferred;
  private boolean alertedRouter;
  private boolean unflushed;
  private PathStats totals = new PathStats();
  private long alerts;
  private long packets;
  private volatile CaptureFeed feed;
  private volatile boolean stopRequested;
  private volatile Thread coordinator;

  /**
   * A run whose workers own the flow buckets they claim first in {@code claims}, or (null) route by
   * the static flow hash.
   */
  WorkersCaptureRun(EngineAssembly engine, FlowClaims claims) {
    this.engine = engine;
    this.claims = claims;
    this.thresholds = engine.thresholds();
    this.outputs = engine.outputs();
    this.layout = engine.layout();
    if (layout.workers().isEmpty()) {
      throw new IllegalArgumentException("the workers layout has no worker threads");
    }
  }

  @Override
  public Map<String, Object> run(PacketSource source) throws IOException {
    return switch (source) {
      case PacketSource.Captures c -> run(c.feed());
      case PacketSource.Queue q ->
          throw new IllegalArgumentException(
              "the workers run mode reads capture files; inline runs are single-threaded");
      case PacketSource.Live l ->
          throw new IllegalArgumentException("live capture runs through EngineAssembly.live()");
    };
  }

  /**
   * Ends the run's feed: the captures the workers started are read to their end, then the run ends
   * as after its last capture.
   */
  @Override
  public void stop() {
    stopRequested = true;
    gate.stop();
    CaptureFeed f = feed;
    if (f != null) {
      f.close();
    }
    Thread c = coordinator;
    if (c != null) {
      LockSupport.unpark(c);
    }
  }

  private Map<String, Object> run(CaptureFeed captures) throws IOException {
    feed = captures;
    if (stopRequested) {
      captures.close();
    }
    output = new OutputStage(outputs, "coordinator", layout.queueSize(), failure);
    deferred = new DeferredThresholds(thresholds, output, layout.workers().size());
    boolean stopped = false;
    try {
      Thread self = Thread.currentThread();
      Runnable wake = () -> LockSupport.unpark(self);
      List<ShardWorker> ws = new ArrayList<>();
      WorkerProgress progress = new WorkerProgress(layout.workers().size());
      IcmpErrorOwners icmpErrors = new IcmpErrorOwners();
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
        ws.add(
            new ShardWorker(
                engine, spec, chain, claims, gate, progress, icmpErrors, failure, wake));
      }
      workers = ws;
      alertedRouter = alertedRouter();
      for (ShardWorker w : workers) {
        w.start();
      }
      coordinate(captures);
      stopWorkers();
      stopped = true;
    } finally {
      if (!stopped) {
        abort();
      }
    }
    Map<String, Object> counters = counters();
    outputs.finish(counters);
    return counters;
  }

  /**
   * Hands out the feed's captures, writes the workers' events in batches and decides their
   * hand-overs until every capture handed out was finished by every worker.
   */
  private void coordinate(CaptureFeed captures) throws IOException {
    coordinator = Thread.currentThread();
    boolean watched = captures.known() == null;
    boolean feedEnded = false;
    int index = 0;
    while (true) {
      if (failure.get() != null) {
        throw failed();
      }
      output.drain();
      settle();
      if (!feedEnded) {
        Path capture = captures.next(outstanding.isEmpty() ? WAIT_MILLIS : 0);
        if (capture != null) {
          outstanding.add(capture);
          for (ShardWorker w : workers) {
            w.read(new ShardWorker.Capture(capture, index));
          }
          index++;
          continue;
        }
        feedEnded = captures.ended();
        if (!feedEnded && outstanding.isEmpty()) {
          // a watched folder with nothing new: what finished captures wrote goes to the files
          if (watched && unflushed) {
            unflushed = false;
            output.flush();
          }
          continue;
        }
      }
      if (feedEnded && outstanding.isEmpty()) {
        return;
      }
      // a worker wakes the run at a batch of events, a hand-over, its end or a failure
      output.awaitBatch(BATCH_NANOS);
    }
  }

  /**
   * Decides every hand-over all workers made, in order (each worker makes them at the same packets
   * and capture ends); the feed hears of each capture every worker finished that it was read.
   */
  private void settle() throws IOException {
    int n = workers.size();
    while (ready()) {
      Object[] results = new Object[n];
      ShardWorker.Handover first = null;
      for (int i = 0; i < n; i++) {
        ShardWorker.Handover h = workers.get(i).pollHandover();
        if (first == null) {
          first = h;
        } else if (h.endOfCapture() != first.endOfCapture() || h.skipped() != first.skipped()) {
          throw new IllegalStateException(
              "the workers' hand-overs disagree: " + first + " and " + h + " of worker " + i);
        }
        results[i] = h.pending();
      }
      if (first.skipped()) {
        outstanding.poll();
        continue;
      }
      if (deferred.decide(results, first.endOfCapture())) {
        unflushed = true;
        feed.read(outstanding.poll(), first.opened());
      }
    }
  }

  private boolean ready() {
    for (ShardWorker w : workers) {
      if (w.peekHandover() == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * With the pcap log on, every worker sends the packets it raised alerts on (or every packet, for
   * {@code conditional: all}) to the output stage through the alerted router.
   */
  private boolean alertedRouter() {
    org.vigil.output.PcapLog.Conditional pcap = outputs.pcapLog();
    if (pcap == null) {
      return false;
    }
    boolean all = pcap == org.vigil.output.PcapLog.Conditional.ALL;
    for (ShardWorker w : workers) {
      w.sendToOutput(ctx -> new Router.Alerted(ctx, all), output::packet);
      for (ThreadModule m : w.chain().modules()) {
        if (m instanceof DetectModule d) {
          d.keepFramesForThresholds(!all);
        }
      }
    }
    return true;
  }

  private IllegalStateException failed() {
    Throwable t = failure.get();
    if (t instanceof UncheckedIOException u) {
      throw u;
    }
    return new IllegalStateException("a thread of the run failed: " + t, t);
  }

  /** Graceful shutdown: every worker read its captures, then the threads end. */
  private void stopWorkers() throws IOException {
    for (ShardWorker w : workers) {
      w.finish();
    }
    try {
      for (ShardWorker w : workers) {
        while (w.alive()) {
          if (failure.get() != null) {
            throw failed();
          }
          output.drain();
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
  }

  /** After a failure: tells the workers to stop at their next packets. */
  private void abort() {
    failure.compareAndSet(null, new IllegalStateException("run aborted"));
    gate.stop();
    for (ShardWorker w : workers) {
      w.finish();
    }
  }

  /**
   * The counters of stats.json: the totals, as the single mode writes them (decode counted once),
   * then per thread; the workers read the captures themselves, so there is no reader and no packet
   * queue.
   */
  private Map<String, Object> counters() {
    PathStats all = new PathStats();
    PoolTotals sum = new PoolTotals();
    Map<String, Object> threads = new LinkedHashMap<>();
    long ticks = 0;
    if (!workers.isEmpty()) {
      all.add(workers.get(0).decodeStats());
      packets = workers.get(0).sequence();
      ticks = workers.get(0).ticks();
    }
    for (ShardWorker w : workers) {
      all.add(w.ownDecodeStats());
      all.add(w.context().stats());
      sum.addChain(w.chain(), errors);
      threads.put(w.context().name(), w.counters());
    }
    totals = all;
    sum.alerts += deferred.alerts();
    alerts = sum.alerts;
    Map<String, Object> m = StatsTree.runCounters(all, sum.tcp(), sum.detect(errors.count()));
    engine.ruleset().guard().addTo(m);
    engine.memory().addTo(m);
    engine.rules().addTo(m);
    Map<String, Object> threading =
        StatsTree.threading(layout, alertedRouter, deferred.frames(), ticks, threads);
    threading.put("capture_reader", "every worker");
    threading.put("flow_owner", claims != null ? "first claim" : "flow hash");
    Map<String, Object> coordinator = new LinkedHashMap<>();
    coordinator.put("cpu_ms", ThreadCpu.current() / 1_000_000);
    threading.put("coordinator", coordinator);
    threading.put("output", output.counters());
    m.put("threading", threading);
    StatsTree.addFeed(m, feed);
    return m;
  }

  @Override
  public long alerts() {
    return alerts;
  }

  /** Packets of the captures (captured, reassembled and tunnel inner), each counted once. */
  @Override
  public long packets() {
    return packets;
  }

  @Override
  public long engineErrors() {
    return errors.count();
  }

  @Override
  public List<String> errorMessages() {
    return errors.messages();
  }

  @Override
  public PathStats pathStats() {
    return totals;
  }
}
