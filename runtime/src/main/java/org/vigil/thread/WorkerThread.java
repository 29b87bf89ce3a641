package org.vigil.thread;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.SpscArrayQueue;
import org.vigil.decode.Packet;
import org.vigil.thread.affinity.CpuAffinity;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.module.ThreadModule;
import org.vigil.thread.queue.Control;
import org.vigil.thread.queue.PacketQueue;

/**
 * One worker thread: takes packets and control messages from its input queue and runs its
 * pipeline of modules on each. It owns the packets it takes until it gives them back to its
 * pool, which the producer fills them from (so a packet is handled by one thread at a time).
 */
final class WorkerThread implements Runnable {
  private static final int PACKET_CAPACITY = 2048;
  private final ThreadLayout.WorkerSpec spec;
  private final ThreadContext context;
  private final List<ThreadModule> modules;
  private final PacketQueue input;
  private final SpscArrayQueue<Packet> pool;
  private final AtomicReference<Throwable> failure;
  private final Thread thread;
  private long packets;
  private long stopped;
  private long allocated;
  private long moduleErrors;
  private String affinity = "none";
  private org.vigil.thread.queue.Router toOutput;
  private java.util.function.Consumer<org.vigil.output.PcapFrame> output;
  private long toOutputPackets;
  private volatile long cpuNanos = -1;

  WorkerThread(ThreadLayout.WorkerSpec spec, int index, List<ThreadModule> modules, int queueSize,
      AtomicReference<Throwable> failure) {
    this.spec = spec;
    this.context = new ThreadContext(spec.name(), index);
    this.modules = modules;
    this.input = PacketQueue.spsc(spec.name() + ".in", queueSize);
    this.pool = new SpscArrayQueue<>(Math.max(queueSize * 2, 64));
    this.failure = failure;
    this.thread = new Thread(this, "vigil-" + spec.name());
    this.thread.setDaemon(true);
  }

  /**
   * After its modules, each packet {@code router} picks (the alerted router) goes, as a copy of
   * its frame, to {@code output} (the output stage's queue); call before {@link #start}.
   */
  void sendToOutput(java.util.function.Function<ThreadContext, org.vigil.thread.queue.Router> router,
      java.util.function.Consumer<org.vigil.output.PcapFrame> output) {
    this.toOutput = router.apply(context);
    this.output = output;
  }

  void start() {
    thread.start();
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  boolean alive() {
    return thread.isAlive();
  }

  ThreadContext context() {
    return context;
  }

  List<ThreadModule> modules() {
    return modules;
  }

  PacketQueue input() {
    return input;
  }

  /** Producer side: a packet of this worker's pool to copy the next packet into. */
  Packet acquire() {
    Packet p = pool.relaxedPoll();
    if (p == null) {
      allocated++;
      p = new Packet(PACKET_CAPACITY);
    }
    return p;
  }

  @Override
  public void run() {
    try {
      if (spec.cpu() >= 0) {
        String why = CpuAffinity.pin(spec.cpu());
        affinity = why == null ? Integer.toString(spec.cpu()) : why;
      }
      for (ThreadModule m : modules) {
        m.init(context);
      }
      while (true) {
        Object msg = input.take();
        if (msg instanceof Packet p) {
          packets++;
          context.setOrder(2 * p.sequence() + 1);
          context.clearAlerted();
          for (ThreadModule m : modules) {
            boolean go;
            try {
              go = m.process(p);
            } catch (java.io.UncheckedIOException e) {
              throw e;
            } catch (RuntimeException e) {
              // a module's bug on one packet must not stop the thread: counted, and the packet goes on
              moduleErrors++;
              go = true;
            }
            if (!go) {
              stopped++;
              break;
            }
          }
          if (toOutput != null && toOutput.route(p) != org.vigil.thread.queue.Router.NONE) {
            // the packet stays this thread's (back to its pool below); the output stage owns the copy
            toOutputPackets++;
            output.accept(OutputStage.frame(p));
          }
          p.reset();
          pool.relaxedOffer(p);
        } else if (msg instanceof Control.Tick t) {
          context.setOrder(2 * t.sequence());
          for (ThreadModule m : modules) {
            m.tick(t.nanos());
          }
        } else if (msg instanceof Control.EndOfCapture e) {
          context.setOrder(Long.MAX_VALUE);
          List<PendingMatch> pending = new java.util.ArrayList<>();
          for (ThreadModule m : modules) {
            m.endOfCapture();
            if (m instanceof org.vigil.thread.module.DetectModule d) {
              pending.addAll(d.takePending());
            }
          }
          e.results()[context.index()] = pending;
          e.done().countDown();
        } else if (msg instanceof Control.Stop) {
          context.setOrder(Long.MAX_VALUE);
          for (ThreadModule m : modules) {
            m.deinit();
          }
          cpuNanos = ThreadCpu.current();
          return;
        }
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  /** This thread's counters for stats.json: packets, modules', affinity, its input queue. */
  Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("stopped_by_module", stopped);
    m.put("packets_allocated", allocated);
    m.put("module_errors", moduleErrors);
    m.put("cpu", affinity);
    m.put("ip_version", spec.ipVersion() == 0 ? "any" : Integer.toString(spec.ipVersion()));
    m.put("flows", (long) context.stats().flowsCreated);
    if (cpuNanos >= 0) {
      m.put("cpu_ms", cpuNanos / 1_000_000);
    }
    if (toOutput != null) {
      m.put("to_output", toOutputPackets);
    }
    for (ThreadModule mod : modules) {
      Map<String, Object> c = mod.counters();
      if (!c.isEmpty()) {
        m.put(mod.name(), c);
      }
    }
    return m;
  }
}
