package org.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.vigil.acquire.afpacket.AfPacketSource;
import org.vigil.decode.PathStats;
import org.vigil.detect.RateLimiter;
import org.vigil.outputs.Outputs;
import org.vigil.thread.EngineErrors;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;

/**
 * Live capture: one {@link LiveWorker} per thread of the layout, each with its own AF_PACKET socket
 * per interface (one fanout group per interface when there are several threads) and its own module
 * chain; the calling thread writes the workers' events to the single-writer outputs (or the {@code
 * autofp} output thread does) and the periodic stats, until {@link #stop()}. Thresholds are decided
 * at once by one shared limiter, in arrival order. At the end every worker ends its flows, and the
 * final counters add the kernel's packets and drops ({@code capture.kernel_packets}, {@code
 * capture.kernel_drops}).
 */
final class LiveRun implements Run {
  private final EngineAssembly engine;
  private final Outputs outputs;
  private final List<ThreadLayout.WorkerSpec> specs;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final RateLimiter thresholds;
  private EngineErrors errors = new EngineErrors();
  private List<LiveWorker> workers = List.of();
  private OutputStage output;
  private PathStats totals = new PathStats();
  private long alerts;
  private long packets;
  private volatile boolean stopRequested;

  LiveRun(EngineAssembly engine, List<ThreadLayout.WorkerSpec> specs) {
    this.engine = engine;
    this.thresholds = engine.thresholds();
    this.outputs = engine.outputs();
    this.specs = specs;
  }

  @Override
  public Map<String, Object> run(PacketSource source) throws IOException {
    return switch (source) {
      case PacketSource.Live l -> live(l);
      case PacketSource.Captures c ->
          throw new IllegalArgumentException("a live run captures interfaces, not capture files");
      case PacketSource.Queue q ->
          throw new IllegalArgumentException("a live run captures interfaces, not a queue");
    };
  }

  private Map<String, Object> live(PacketSource.Live live) throws IOException {
    output =
        new OutputStage(
            outputs, engine.layout().outputThread(), engine.layout().queueSize(), failure);
    try {
      return capture(live);
    } finally {
      output.close();
    }
  }

  /** The run once its output stage is up: a socket and a thread per worker until they stop. */
  private Map<String, Object> capture(PacketSource.Live live) throws IOException {
    // before any socket exists: nothing arrives while the warm-up runs
    WarmUp.run(engine, live.warmUp(), () -> stopRequested, live.notices());
    List<LiveWorker> ws = new ArrayList<>();
    try {
      for (int i = 0; i < specs.size(); i++) {
        ThreadLayout.WorkerSpec spec = specs.get(i);
        ModuleChain chain =
            engine.chain(
                new ThreadContext(spec.name(), i, new PathStats()),
                spec.modules(),
                "threading modules of " + spec.name(),
                output,
                thresholds,
                false,
                null);
        LiveSockets sockets = LiveSockets.of(engine.layout().router(), specs, i, live.interfaces());
        AfPacketSource src =
            AfPacketSource.open(sockets.options(), i, sockets.fanout(), live.notices());
        ws.add(new LiveWorker(engine, spec, chain, src, output, failure));
      }
    } catch (RuntimeException e) {
      ws.forEach(LiveWorker::close);
      throw e;
    }
    workers = ws;
    live.notices()
        .accept(
            "capturing on "
                + String.join(", ", live.interfaces().stream().map(o -> o.iface()).toList())
                + " with "
                + ws.size()
                + (ws.size() == 1 ? " socket" : " sockets in a fanout group")
                + (ws.size() == 1 ? "" : " per interface")
                + " until SIGINT/SIGTERM");
    try {
      if (stopRequested) {
        workers.forEach(LiveWorker::stop);
      }
      workers.forEach(LiveWorker::start);
      for (LiveWorker w : workers) {
        // the stats below read the workers' modules, which each sets up on its own thread
        w.awaitInitialized();
      }
      while (workers.stream().anyMatch(LiveWorker::alive)) {
        output.drain();
        if (failure.get() != null) {
          workers.forEach(LiveWorker::stop);
        } else {
          periodicStats();
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
      Throwable t = failure.get();
      if (t != null) {
        throw t instanceof UncheckedIOException u
            ? u
            : new IllegalStateException("a capture thread failed: " + t, t);
      }
      output.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the capture threads", e);
    } finally {
      workers.forEach(LiveWorker::stop);
      workers.forEach(LiveWorker::close);
    }
    Map<String, Object> counters = counters();
    outputs.finish(counters);
    return counters;
  }

  /**
   * stats.json at the configured interval, from counters the workers are still changing (a snapshot
   * that may be a packet behind; one that meets a changing table is skipped).
   */
  private void periodicStats() {
    try {
      outputs.statsTick(System.nanoTime(), this::counters);
    } catch (ConcurrentModificationException | IllegalStateException e) {
      // the next interval writes them
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Object> counters() {
    PathStats all = new PathStats();
    PoolTotals sum = new PoolTotals();
    EngineErrors errs = new EngineErrors();
    Map<String, Object> threads = new LinkedHashMap<>();
    long kernelPackets = 0;
    long kernelDrops = 0;
    long routed = 0;
    for (LiveWorker w : workers) {
      all.add(w.stats());
      routed += w.packets();
      sum.addChain(w.chain(), errs);
      threads.put(w.context().name(), w.counters());
      long[] k = w.kernel();
      kernelPackets += k[0];
      kernelDrops += k[1];
    }
    Map<String, Object> m = StatsTree.runCounters(all, sum.tcp(), sum.detect(errs.count()));
    engine.ruleset().guard().addTo(m);
    engine.memory().addTo(m);
    engine.rules().addTo(m);
    addKernel(m, kernelPackets, kernelDrops);
    Map<String, Object> threading = new LinkedHashMap<>();
    threading.put("runmode", engine.layout().mode().name().toLowerCase(java.util.Locale.ROOT));
    threading.put("threads", threads);
    threading.put("output", output.counters());
    m.put("threading", threading);
    totals = all;
    alerts = sum.alerts;
    packets = routed;
    errors = errs;
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void addKernel(Map<String, Object> m, long packets, long drops) {
    Map<String, Object> capture =
        (Map<String, Object>) m.computeIfAbsent("capture", k -> new LinkedHashMap<>());
    capture.put("kernel_packets", packets);
    capture.put("kernel_drops", drops);
  }

  /** Ends the capture (any thread, e.g. a signal handler): each worker returns within 100 ms. */
  @Override
  public void stop() {
    stopRequested = true;
    workers.forEach(LiveWorker::stop);
  }

  @Override
  public long alerts() {
    return alerts;
  }

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
