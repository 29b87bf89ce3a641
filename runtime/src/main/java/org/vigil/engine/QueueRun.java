package org.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.acquire.nfq.KernelQueueCounters;
import org.vigil.acquire.nfq.NfqOptions;
import org.vigil.decode.PathStats;
import org.vigil.detect.RateLimiter;
import org.vigil.outputs.Outputs;
import org.vigil.thread.EngineErrors;
import org.vigil.thread.affinity.CpuAffinity;

/**
 * The inline run: one {@link QueueChain} per NFQUEUE, each on its own thread with its own netlink
 * socket, flow table, streams and detection, so flows need no locks. That is sound because
 * netfilter keeps both directions of a flow on one queue: {@code --queue-balance A:B} picks the
 * queue by a hash of the packet's two addresses in sorted order and its protocol (ports are not
 * hashed), the same for both directions. (Rules that send the directions to different queues, or
 * {@code --queue-cpu-fanout}, which picks the queue by the CPU, split flows: each queue's chain
 * then sees one direction only.)
 *
 * <p>With one queue in the {@code single} layout the chain runs on the calling thread and writes
 * the outputs itself; with several queues, or the {@code workers} layout, one thread per queue
 * ({@code NFQ#<queue>}, pinned to {@code threading.cpu-affinity} when set) and an output thread
 * that serializes their events. Thresholds are decided by one limiter shared by the queues.
 *
 * <p>Before the queues are bound the source's warm-up runs through a throwaway chain ({@link
 * WarmUp}), so the first queued packets meet JIT-compiled code instead of waiting in the queue (or
 * passing uninspected with fail-open) while the JIT catches up.
 */
final class QueueRun implements Run {
  private final EngineAssembly engine;
  private final Outputs outputs;
  private final ThreadLayout layout;
  private final RateLimiter thresholds;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final EngineErrors errors = new EngineErrors();
  private final WarmUpCounters warmUp = new WarmUpCounters();
  private volatile List<QueueChain> queues = List.of();
  private volatile boolean stopRequested;
  private PathStats totals = new PathStats();
  private long alerts;
  private long packets;
  private long drops;
  private long rejects;

  QueueRun(EngineAssembly engine) {
    this.engine = engine;
    this.thresholds = engine.thresholds();
    this.outputs = engine.outputs();
    this.layout = engine.layout();
  }

  @Override
  public Map<String, Object> run(PacketSource source) throws IOException {
    return switch (source) {
      case PacketSource.Captures c ->
          throw new IllegalArgumentException("an inline run reads a queue, not capture files");
      case PacketSource.Queue q -> {
        // before any queue is bound: no packet waits for its verdict while the warm-up runs
        if (!(q.warmUp() instanceof WarmUpSample.None)) {
          notBoundElsewhere(q.queues());
        }
        warmUp.run(engine, q.warmUp(), () -> stopRequested, q.notices());
        yield run(q.queues());
      }
      case PacketSource.Live l ->
          throw new IllegalArgumentException("an inline run reads a queue, not an interface");
    };
  }

  private Map<String, Object> run(List<NfqOptions> options) throws IOException {
    boolean threaded = options.size() > 1 || layout.mode() != RunMode.SINGLE;
    OutputStage output =
        threaded ? new OutputStage(outputs, true, layout.queueSize(), failure) : null;
    try {
      return run(options, threaded, output);
    } finally {
      if (output != null) {
        output.close();
      }
    }
  }

  /**
   * Fails when another process holds one of the queues, so a run that cannot bind says so before
   * spending its warm-up rather than after (binding still fails if one takes it meanwhile).
   */
  private static void notBoundElsewhere(List<NfqOptions> options) {
    for (NfqOptions o : options) {
      KernelQueueCounters owner = KernelQueueCounters.read(KernelQueueCounters.PROC, o.queue());
      if (owner != null) {
        throw new org.vigil.acquire.nfq.NfqException(
            "NFQUEUE "
                + o.queue()
                + " is already bound by another process (netlink port id "
                + owner.peerPortId()
                + ", usually its pid); choose another queue number or stop that process");
      }
    }
  }

  /** The run once its output stage (queue threads only) is up. */
  private Map<String, Object> run(List<NfqOptions> options, boolean threaded, OutputStage output)
      throws IOException {
    QueueFlowAffinity affinity = options.size() > 1 ? new QueueFlowAffinity() : null;
    List<QueueChain> chains = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      NfqOptions o = options.get(i);
      chains.add(
          new QueueChain(
              engine,
              threaded ? "NFQ#" + o.queue() : "main",
              i,
              modules(),
              o,
              threaded ? output : new DirectSink(outputs),
              thresholds,
              affinity));
    }
    queues = chains;
    try {
      for (QueueChain c : chains) {
        c.open();
      }
    } catch (RuntimeException e) {
      chains.forEach(QueueChain::closeUnrun);
      throw e;
    }
    if (stopRequested) {
      chains.forEach(QueueChain::stop);
    }
    if (threaded) {
      runThreads(chains, () -> periodicStats(chains, output, affinity));
      try {
        output.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping the output thread", e);
      }
      Throwable t = failure.get();
      if (t instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (t instanceof org.vigil.acquire.nfq.NfqException e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException("a queue thread failed: " + t, t);
      }
    } else {
      chains.get(0).run(() -> periodicStats(chains, null, affinity));
    }
    Map<String, Object> counters = counters(chains, output, affinity, true);
    outputs.finish(counters);
    return counters;
  }

  /**
   * stats.json at the configured interval, and the counters a {@code dump-counters} waits for: with
   * one queue on this thread between its receives; with queue threads from this thread while it
   * waits for them (a snapshot that may be a packet behind; one that meets a changing table is
   * skipped, the next interval writes it).
   */
  private void periodicStats(
      List<QueueChain> chains, OutputStage output, QueueFlowAffinity affinity) {
    long now = System.nanoTime();
    try {
      if (output == null) {
        outputs.statsTick(now, () -> counters(chains, null, affinity, false));
      } else {
        output.statsTick(now, counters(chains, output, affinity, false));
      }
    } catch (java.util.ConcurrentModificationException
        | IllegalStateException
        | NullPointerException e) {
      // a queue thread changed what was being read: the next call takes them
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The modules of each queue's thread: the layout's, with the verdict module before detection. */
  private List<String> modules() {
    List<String> names =
        new ArrayList<>(
            layout.workers().isEmpty()
                ? List.of("flow", "detect")
                : layout.workers().get(0).modules());
    int detect = names.indexOf("detect");
    names.add(detect < 0 ? names.size() : detect, "verdict");
    return names;
  }

  /**
   * One thread per queue; returns when all ended (on stop, or when one failed), calling {@code
   * meanwhile} every 200 ms while they run.
   */
  private void runThreads(List<QueueChain> chains, Runnable meanwhile) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < chains.size(); i++) {
      QueueChain c = chains.get(i);
      int cpu = i < layout.workers().size() ? layout.workers().get(i).cpu() : -1;
      Thread t =
          new Thread(
              () -> {
                try {
                  if (cpu >= 0) {
                    CpuAffinity.pin(cpu);
                  }
                  c.run();
                } catch (IOException e) {
                  failure.compareAndSet(null, new UncheckedIOException(e));
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
                if (failure.get() != null) {
                  // one queue failed: the run ends, the other queues' loops return
                  chains.forEach(QueueChain::stop);
                }
              },
              "vigil-NFQ#" + c.options().queue());
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    try {
      for (Thread t : threads) {
        while (t.isAlive()) {
          t.join(200);
          meanwhile.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      chains.forEach(QueueChain::stop);
    }
  }

  /**
   * The counters of stats.json: the totals (as the single mode writes them), {@code ips} summed
   * over the queues with each queue's under {@code nfq}, and the threads; {@code last}: the run's
   * final ones, kept as the run's totals (else a snapshot that changes nothing).
   */
  private Map<String, Object> counters(
      List<QueueChain> chains, OutputStage output, QueueFlowAffinity affinity, boolean last) {
    PathStats all = new PathStats();
    EngineErrors errs = last ? errors : new EngineErrors();
    long packetCount = 0;
    long dropCount = 0;
    long rejectCount = 0;
    PoolTotals sum = new PoolTotals();
    Map<String, Object> threads = new LinkedHashMap<>();
    Map<String, Object> nfq = new LinkedHashMap<>();
    Map<String, Object> ips = new LinkedHashMap<>();
    long alertCount = 0;
    for (QueueChain c : chains) {
      all.add(c.stats());
      sum.add(c.detect());
      errs.add(c.detect().errors());
      errs.add(c.chain().errors());
      alertCount += c.verdicts().alerts();
      sum.alertQueueOverflow += c.verdicts().alertQueueOverflow();
      org.vigil.thread.module.PortscanModule ps =
          c.chain().find(org.vigil.thread.module.PortscanModule.class);
      alertCount += ps == null ? 0 : ps.alerts();
      packetCount += c.packets();
      dropCount += c.verdicts().drops();
      rejectCount += c.verdicts().rejects();
      Map<String, Object> q = c.ips();
      q.put("packets", c.packets());
      q.put("alerts", c.verdicts().alerts());
      q.put("flows", (long) c.stats().flows.created);
      nfq.put(Integer.toString(c.options().queue()), q);
      for (Map.Entry<String, Object> e : q.entrySet()) {
        if (e.getValue() instanceof Long n && !e.getKey().equals("queue")) {
          ips.merge(e.getKey(), n, (a, b) -> (Long) a + (Long) b);
        }
      }
      Map<String, Object> thread = new LinkedHashMap<>();
      thread.put("packets", c.packets());
      thread.put("queue", c.options().queue());
      thread.put("module_errors", c.chain().moduleErrors());
      c.chain().putCounters(thread);
      threads.put(c.chain().context().name(), thread);
    }
    if (last) {
      totals = all;
      alerts = alertCount;
      packets = packetCount;
      drops = dropCount;
      rejects = rejectCount;
    }
    sum.alerts = alertCount;
    Map<String, Object> m = StatsTree.runCounters(all, sum.tcp(), sum.detect(errs.count()));
    engine.ruleset().guard().addTo(m);
    engine.memory().addTo(m);
    engine.rules().addTo(m);
    warmUp.addTo(m);
    if (chains.size() == 1) {
      // one queue: its counters as they are (with its number)
      m.put("ips", chains.get(0).ips());
    } else {
      ips.put("split_flows", affinity.splitFlows());
      ips.put("queues", chains.stream().map(c -> c.options().queue()).toList());
      m.put("ips", ips);
    }
    m.put("nfq", nfq);
    Map<String, Object> threading = new LinkedHashMap<>();
    threading.put("runmode", output == null ? "single" : "workers");
    threading.put("threads", threads);
    if (output != null) {
      threading.put("output", output.counters());
    }
    m.put("threading", threading);
    return m;
  }

  @Override
  public void stop() {
    stopRequested = true;
    for (QueueChain c : queues) {
      c.stop();
    }
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

  @Override
  public long drops() {
    return drops;
  }

  @Override
  public long rejects() {
    return rejects;
  }
}
