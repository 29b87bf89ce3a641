package org.vigil.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.acquire.afpacket.AfPacketSource;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.output.PcapLog;
import org.vigil.thread.affinity.CpuAffinity;
import org.vigil.thread.module.CaptureFrames;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;

/**
 * One thread of a live run: it owns its capture sockets, decodes and defragments what they receive
 * and runs its module chain (flow, stream, detection) on each packet, its events going to the run's
 * output stage. The sockets' fanout keeps each flow on one such thread, so no dispatcher thread and
 * no queue sit between capture and detection.
 */
final class LiveWorker implements Runnable {
  private final ThreadLayout.WorkerSpec spec;
  private final AfPacketSource source;
  private final ModuleChain chain;
  private final DecodePipeline decode;
  private final OutputStage output;
  private final PcapLog.Conditional pcapLog;
  private final AtomicReference<Throwable> failure;
  private final Thread thread;
  private final CountDownLatch initialized = new CountDownLatch(1);
  private String affinity = "none";
  private volatile long packets;
  private volatile long cpuNanos = -1;

  LiveWorker(
      EngineAssembly engine,
      ThreadLayout.WorkerSpec spec,
      ModuleChain chain,
      AfPacketSource source,
      OutputStage output,
      AtomicReference<Throwable> failure) {
    this.spec = spec;
    this.chain = chain;
    this.source = source;
    this.output = output;
    this.failure = failure;
    this.pcapLog = engine.outputs().pcapLog();
    this.decode = engine.decodeStage(chain.context().stats(), this::packet, false);
    this.thread = new Thread(this, "vigil-" + spec.name());
  }

  void start() {
    thread.start();
  }

  void join() throws InterruptedException {
    thread.join();
  }

  boolean alive() {
    return thread.isAlive();
  }

  /**
   * Waits until the thread has set up its modules (or failed doing so): only then may {@link
   * #counters()} read them from another thread.
   */
  void awaitInitialized() throws InterruptedException {
    initialized.await();
  }

  /** Ends the capture loop (any thread); the thread then ends its flows and returns. */
  void stop() {
    source.stop();
  }

  ThreadContext context() {
    return chain.context();
  }

  ModuleChain chain() {
    return chain;
  }

  PathStats stats() {
    return chain.context().stats();
  }

  long packets() {
    return packets;
  }

  @Override
  public void run() {
    try {
      try {
        if (spec.cpu() >= 0) {
          String why = CpuAffinity.pin(spec.cpu());
          affinity = why == null ? Integer.toString(spec.cpu()) : why;
        }
        chain.init();
      } finally {
        initialized.countDown();
      }
      Packet frame = decode.acquire();
      // the receive time drives flow timeouts while the link is quiet
      source.run(frame, decode::process, chain::tick);
      chain.context().setOrder(Long.MAX_VALUE);
      decode.endOfCapture();
      chain.endOfCapture();
      chain.deinit();
      cpuNanos = ThreadCpu.current();
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  /** A decoded packet: the chain, then its frame to the pcap log when it raised an alert. */
  private void packet(Packet p) {
    packets++;
    chain.context().setOrder(packets);
    chain.process(p);
    if (pcapLog != null
        && (chain.context().alerted() || pcapLog == PcapLog.Conditional.ALL)
        && CaptureFrames.loggable(p)) {
      output.packet(CaptureFrames.frame(p));
    }
  }

  /** This thread's counters for stats.json. */
  Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("module_errors", chain.moduleErrors());
    m.put("cpu", affinity);
    m.put("flows", (long) stats().flows.created);
    if (cpuNanos >= 0) {
      m.put("cpu_ms", cpuNanos / 1_000_000);
    }
    Map<String, Object> sockets = new LinkedHashMap<>();
    for (var s : source.stats()) {
      sockets.put(s.name(), Map.of("kernel_packets", s.packets(), "kernel_drops", s.drops()));
    }
    m.put("sockets", sockets);
    chain.putCounters(m);
    return m;
  }

  /** The kernel's packets and drops over this thread's sockets. */
  long[] kernel() {
    long packets = 0;
    long drops = 0;
    for (var s : source.stats()) {
      packets += s.packets();
      drops += s.drops();
    }
    return new long[] {packets, drops};
  }

  void close() {
    source.close();
  }
}
