package org.vigil.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.SpscArrayQueue;
import org.vigil.decode.Packet;
import org.vigil.thread.affinity.CpuAffinity;
import org.vigil.thread.module.CaptureFrames;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.queue.Control;
import org.vigil.thread.queue.PacketQueue;

/**
 * One worker thread: takes packets and control messages from its input queue and runs its pipeline
 * of modules on each. It owns the packets it takes until it gives them back to its pools, which the
 * producer fills them from (so a packet is handled by one thread at a time). Two pools by frame
 * size: most frames (ACKs, DNS, handshakes) fit a small buffer, so the thousands of packets a full
 * queue holds take a third of the memory they would if each had room for a full-sized frame.
 */
final class WorkerThread implements Runnable {
  /** Buffer of a packet of the large pool: a full Ethernet frame (larger ones grow it). */
  private static final int PACKET_CAPACITY = 2048;

  /** Buffer of a packet of the small pool, and the largest frame copied into one. */
  static final int SMALL_CAPACITY = 256;

  private final ThreadLayout.WorkerSpec spec;
  private final ThreadContext context;
  private final ModuleChain chain;
  private final PacketQueue input;
  private final SpscArrayQueue<Packet> pool;
  private final SpscArrayQueue<Packet> smallPool;
  private final AtomicReference<Throwable> failure;
  private final Thread thread;
  private long packets;
  private long allocated;
  private String affinity = "none";
  private org.vigil.thread.queue.Router toOutput;
  private java.util.function.Consumer<org.vigil.output.PcapFrame> output;
  private long toOutputPackets;
  private volatile long cpuNanos = -1;

  WorkerThread(
      ThreadLayout.WorkerSpec spec,
      ModuleChain chain,
      int queueSize,
      AtomicReference<Throwable> failure) {
    this.spec = spec;
    this.context = chain.context();
    this.chain = chain;
    this.input = PacketQueue.spsc(spec.name() + ".in", queueSize);
    this.pool = new SpscArrayQueue<>(Math.max(queueSize * 2, 64));
    this.smallPool = new SpscArrayQueue<>(Math.max(queueSize * 2, 64));
    this.failure = failure;
    this.thread = new Thread(this, "vigil-" + spec.name());
    this.thread.setDaemon(true);
  }

  /**
   * After its modules, each packet {@code router} picks (the alerted router) goes, as a copy of its
   * frame, to {@code output} (the output stage's queue); call before {@link #start}.
   */
  void sendToOutput(
      java.util.function.Function<ThreadContext, org.vigil.thread.queue.Router> router,
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

  ModuleChain chain() {
    return chain;
  }

  PacketQueue input() {
    return input;
  }

  /**
   * Producer side: a packet of this worker's pools to copy a frame of {@code length} bytes into
   * (from the small pool when it fits a small buffer).
   */
  Packet acquire(int length) {
    boolean small = length <= SMALL_CAPACITY;
    Packet p = small ? smallPool.relaxedPoll() : pool.relaxedPoll();
    if (p == null) {
      allocated++;
      p = new Packet(small ? SMALL_CAPACITY : PACKET_CAPACITY);
    }
    return p;
  }

  /**
   * Gives a processed packet back to the pool of its buffer's size; a buffer grown for a large
   * frame (~1% of packets) goes, so the pool does not come to hold one large buffer per packet.
   */
  private void release(Packet p) {
    p.reset();
    if (p.data().length <= SMALL_CAPACITY) {
      smallPool.relaxedOffer(p);
    } else {
      p.trimTo(PACKET_CAPACITY);
      pool.relaxedOffer(p);
    }
  }

  @Override
  public void run() {
    try {
      if (spec.cpu() >= 0) {
        String why = CpuAffinity.pin(spec.cpu());
        affinity = why == null ? Integer.toString(spec.cpu()) : why;
      }
      chain.init();
      while (true) {
        Object msg = input.take();
        if (msg instanceof Packet p) {
          packets++;
          context.setOrder(2 * p.sequence() + 1);
          chain.process(p);
          if (toOutput != null && toOutput.route(p) != org.vigil.thread.queue.Router.NONE) {
            // the packet stays this thread's (back to its pool below); the output stage owns the
            // copy
            toOutputPackets++;
            output.accept(CaptureFrames.frame(p));
          }
          release(p);
        } else if (msg instanceof Control.Tick t) {
          context.setOrder(2 * t.sequence());
          chain.tick(t.nanos());
        } else if (msg instanceof Control.EndOfCapture e) {
          context.setOrder(Long.MAX_VALUE);
          e.results()[context.index()] = chain.endOfCapture();
          e.done().countDown();
        } else if (msg instanceof Control.Checkpoint c) {
          c.results()[context.index()] = chain.pending();
          c.done().countDown();
        } else if (msg instanceof Control.Stop) {
          context.setOrder(Long.MAX_VALUE);
          chain.deinit();
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
    m.put("stopped_by_module", chain.stopped());
    m.put("packets_allocated", allocated);
    m.put("module_errors", chain.moduleErrors());
    m.put("cpu", affinity);
    m.put("ip_version", spec.ipVersion() == 0 ? "any" : Integer.toString(spec.ipVersion()));
    m.put("flows", (long) context.stats().flows.created);
    if (cpuNanos >= 0) {
      m.put("cpu_ms", cpuNanos / 1_000_000);
    }
    if (toOutput != null) {
      m.put("to_output", toOutputPackets);
    }
    chain.putCounters(m);
    return m;
  }
}
