package org.vigil.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.flow.FlowTable;
import org.vigil.output.PcapFrame;
import org.vigil.thread.affinity.CpuAffinity;
import org.vigil.thread.module.CaptureFrames;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.PendingMatch;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.queue.Router;

/**
 * One worker of the {@code workers} run mode over capture files: it reads every capture the run
 * hands it itself, decodes every frame and tracks every fragmented datagram (so it knows every
 * packet's number and capture time, as the single mode does) and runs its module chain on the
 * packets of the flows it owns: the buckets of flow hashes it claimed first in the run's {@link
 * FlowClaims} (without claims, those its flow hash routes to). Flow sweeps happen at the packets
 * where the single mode's happen; every {@link #CHECKPOINT} packets and at each capture's end it
 * hands its kept matches of rate-limited rules to the run, which decides them in the single mode's
 * order. Nothing is copied or queued per packet. What depends on another worker's flows is decided
 * as the single mode would: a new flow's first data no protocol claims waits, when a worker behind
 * may still announce it (FTP), until that worker passed it ({@link WorkerProgress}); an ICMP error
 * joins the flow it reports on when that flow's worker has it, else the ICMP flow of its own
 * addresses ({@link IcmpErrorOwners}).
 */
final class ShardWorker implements Runnable, org.vigil.app.RunOrder, DatagramOwners {
  /** Packets between two hand-overs of kept matches (as the reader's checkpoints). */
  static final long CHECKPOINT = 8192;

  /**
   * Hand-overs the run may not have decided yet before the worker waits for the others (64
   * checkpoints: 512k packets ahead of the slowest worker).
   */
  static final int MAX_AHEAD = 64;

  /** A capture to read ({@code index}: its number in the run, which salts the flow hash). */
  record Capture(Path file, int index) {}

  /**
   * What a worker hands the run: its kept matches up to a checkpoint or a capture's end ({@code
   * opened}: the capture was one), or that it passed over a capture the run was stopped before.
   */
  record Handover(
      List<PendingMatch> pending, boolean endOfCapture, boolean opened, boolean skipped) {}

  /** Thrown on the worker's thread when another thread of the run failed. */
  private static final class Aborted extends RuntimeException {
    Aborted() {
      super("another thread of the run failed", null, false, false);
    }
  }

  private static final Object STOP = new Object();

  private final ThreadLayout.WorkerSpec spec;
  private final ThreadContext context;
  private final ModuleChain chain;
  private final DecodePipeline pipeline;
  private final PathStats decodeStats;
  private final Router router;
  private final FlowClaims claims;
  private final Router.FlowHash claimHash;
  private final int index;
  private final CaptureGate gate;
  private final AtomicReference<Throwable> failure;
  private final Runnable wakeRun;
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final Handovers<Handover> handovers = new Handovers<>(MAX_AHEAD);
  private final Thread thread;
  private final WorkerProgress progress;
  private final HostPairTimes othersPairs = new HostPairTimes();
  private final RunPositions positions;
  private final org.vigil.app.AppLayers announcing;
  private final IcmpErrorOwners icmpErrors;
  private final Router.FlowHash flowHash;
  private final org.vigil.thread.module.FlowModule flows;
  private long icmpWaits;
  private long icmpWaitNanos;

  private long waits;
  private long waitNanos;
  private Router toOutput;
  private java.util.function.Consumer<PcapFrame> output;
  private long toOutputPackets;
  private long sequence;
  private long owned;
  private long claimed;
  private long lastSweepNanos;
  private long ticks;
  private String affinity = "none";
  private volatile long cpuNanos = -1;

  ShardWorker(
      EngineAssembly engine,
      ThreadLayout.WorkerSpec spec,
      ModuleChain chain,
      FlowClaims claims,
      CaptureGate gate,
      WorkerProgress progress,
      IcmpErrorOwners icmpErrors,
      AtomicReference<Throwable> failure,
      Runnable wakeRun) {
    this.spec = spec;
    this.context = chain.context();
    this.chain = chain;
    this.index = context.index();
    this.decodeStats = new PathStats();
    this.pipeline = engine.decodeStage(decodeStats, this::accept, false);
    this.pipeline.shareDatagrams(this);
    this.router = engine.layout().newRouter();
    this.claims = claims;
    this.claimHash = claims != null && router instanceof Router.FlowHash f ? f : null;
    this.gate = gate;
    this.progress = progress;
    this.positions = new RunPositions(progress, index);
    this.announcing = engine.appLayers();
    this.icmpErrors = icmpErrors;
    this.flowHash = router instanceof Router.FlowHash f ? f : null;
    org.vigil.thread.module.FlowModule fm = null;
    for (org.vigil.thread.module.ThreadModule m : chain.modules()) {
      if (m instanceof org.vigil.thread.module.FlowModule f) {
        fm = f;
      }
    }
    this.flows = fm;
    if (fm != null) {
      fm.orderFlushes(positions::flush);
    }
    this.failure = failure;
    context.setRunOrder(this);
    this.wakeRun = wakeRun;
    this.thread = new Thread(this, "vigil-" + spec.name());
    this.thread.setDaemon(true);
  }

  /**
   * After its modules, each packet {@code router} picks (the alerted router) goes, as a copy of its
   * frame, to {@code output}; call before {@link #start}.
   */
  void sendToOutput(
      java.util.function.Function<ThreadContext, Router> router,
      java.util.function.Consumer<PcapFrame> output) {
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

  /** The decode counters of every frame of the captures (each worker decodes them all). */
  PathStats decodeStats() {
    return decodeStats;
  }

  /** The decode counters of the rebuilt datagrams only this worker ran. */
  PathStats ownDecodeStats() {
    return pipeline.ownStats();
  }

  /** Packets numbered so far: every captured, reassembled and tunnel inner packet of the run. */
  long sequence() {
    return sequence;
  }

  /** Flow sweeps run (at the packets where the single mode's run). */
  long ticks() {
    return ticks;
  }

  /** Hands the worker the next capture to read (in the run's order). */
  void read(Capture c) {
    inbox.add(c);
  }

  /** The worker ends once it read the captures handed to it. */
  void finish() {
    inbox.add(STOP);
  }

  /** The oldest hand-over not taken yet, or null. */
  Handover peekHandover() {
    return handovers.peek();
  }

  Handover pollHandover() {
    return handovers.poll();
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
        Object m = inbox.take();
        if (!(m instanceof Capture c)) {
          context.setOrder(Long.MAX_VALUE);
          chain.deinit();
          cpuNanos = ThreadCpu.current();
          return;
        }
        if (!gate.admit(c.index())) {
          hand(new Handover(List.of(), true, false, true));
          continue;
        }
        router.capture(c.index());
        positions.captureStarts(sequence);
        boolean opened = pipeline.runCapture(c.file());
        context.setOrder(Long.MAX_VALUE);
        // the capture's end: its flows end, each at its place in the single mode's order
        positions.captureEndStarts(sequence);
        Handover end = new Handover(chain.endOfCapture(), true, opened, false);
        positions.captureEndDone();
        hand(end);
      }
    } catch (Aborted a) {
      // another thread's failure ends the run; it is reported
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    } finally {
      progress.finished(index);
      wakeRun.run();
    }
  }

  /** The position of the worker's work in the run's order ({@link RunPositions}). */
  @Override
  public long position() {
    return positions.position();
  }

  @Override
  public long threadBit() {
    return 1L << (index & 63);
  }

  /**
   * Waits until every other worker did its work before this worker's position (counted), unless
   * every other worker passed the last TCP payload between the two hosts that could start an
   * announcing flow in a packet not this worker's, and no other worker runs such a flow between
   * them ({@code announcers}): then every expectation the others can make for them before this
   * position is made.
   */
  @Override
  public void awaitEarlier(byte[] hostA, byte[] hostB, LongSupplier announcers) {
    long slowest = progress.slowestOther(index);
    long position = positions.position();
    if (slowest >= position
        || (othersPairs.lastSeen(hostA, hostB) < slowest
            && (announcers.getAsLong() & ~threadBit()) == 0)) {
      return;
    }
    long start = System.nanoTime();
    if (progress.await(index, position, () -> failure.get() != null)) {
      waits++;
      waitNanos += System.nanoTime() - start;
    }
    if (failure.get() != null) {
      throw new Aborted();
    }
  }

  private void hand(Handover h) {
    if (!handovers.add(h, wakeRun, () -> failure.get() != null)) {
      throw new Aborted();
    }
  }

  /**
   * Every packet of the captures (captured, reassembled, tunnel inner), in the single mode's order:
   * numbered, capture time advanced, the kept matches handed over at each checkpoint, then this
   * worker's packets run through the chain.
   */
  private void accept(Packet p) {
    boolean own = pipeline.rebuiltOwned(p);
    long seq = number(own ? pipeline.rebuiltHasFlow() : FlowTable.wantsFlow(p), p.timestampNanos());
    if (own) {
      run(p, seq);
      return;
    }
    int o = owner(p);
    if (p.hasIcmpEmbedded() && flowHash != null) {
      o = icmpErrorOwner(p, o, seq);
    }
    if (o != index) {
      if (p.isTcp()
          && p.payloadLength() > 0
          && announcing != null
          && announcing.mayAnnounce(p.data(), p.payloadOffset(), p.payloadLength())) {
        othersPairs.saw(p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), positions.of(2 * seq + 1));
      }
      return;
    }
    run(p, seq);
  }

  /**
   * Numbers the next packet of the captures: the flow sweep due before it when it has a flow
   * ({@code wantsFlow}, at capture time {@code now}), the hand-over at each checkpoint.
   */
  private long number(boolean wantsFlow, long now) {
    long seq = ++sequence;
    if (wantsFlow && FlowTable.sweepDue(lastSweepNanos, now)) {
      lastSweepNanos = now;
      ticks++;
      positions.sweepStarts(seq);
      context.setOrder(2 * seq);
      chain.tick(now);
      positions.flushDone();
    }
    positions.publish(2 * seq + 1);
    if ((seq & 63) == 0) {
      if (failure.get() != null) {
        throw new Aborted();
      }
      if ((seq & (CHECKPOINT - 1)) == 0) {
        hand(new Handover(chain.pending(), false, false, false));
      }
    }
    return seq;
  }

  /** Tag of a datagram another worker runs. */
  private static final int ELSEWHERE = 1;

  /** Tag of a TCP datagram another worker runs whose payload may announce flows (FTP). */
  private static final int ELSEWHERE_ANNOUNCING = 2;

  /** TCP payload bytes of a first fragment below which it is taken as one that may announce. */
  private static final int ANNOUNCE_PREFIX = 16;

  /**
   * The worker that runs a fragmented datagram is its flow's (which this worker claims if nobody
   * did yet), decided at its first fragment: only that worker keeps its fragments' bytes.
   */
  @Override
  public int decide(Packet datagram) {
    if (owner(datagram) == index) {
      return org.vigil.defrag.DatagramKeeper.OWN;
    }
    boolean announces =
        datagram.isTcp()
            && announcing != null
            && (datagram.payloadLength() < ANNOUNCE_PREFIX
                || announcing.mayAnnounce(
                    datagram.data(), datagram.payloadOffset(), datagram.payloadLength()));
    return announces ? ELSEWHERE_ANNOUNCING : ELSEWHERE;
  }

  /**
   * Numbers the datagram {@code lastFragment} completed in another worker, which runs it (a flow's
   * TCP, UDP or ICMP datagram), as if this worker had rebuilt it.
   */
  @Override
  public void rebuiltElsewhere(Packet lastFragment, int tag, boolean wantsFlow) {
    long seq = number(wantsFlow, lastFragment.timestampNanos());
    if (tag == ELSEWHERE_ANNOUNCING) {
      othersPairs.saw(
          lastFragment.srcHi(),
          lastFragment.srcLo(),
          lastFragment.dstHi(),
          lastFragment.dstLo(),
          positions.of(2 * seq + 1));
    }
  }

  /** Runs packet {@code seq}, one of this worker's, through the chain. */
  private void run(Packet p, long seq) {
    owned++;
    p.setSequence(seq);
    context.setOrder(2 * seq + 1);
    chain.process(p);
    if (toOutput != null && toOutput.route(p) != Router.NONE) {
      toOutputPackets++;
      output.accept(CaptureFrames.frame(p));
    }
  }

  /**
   * The worker that runs {@code p}: the owner of its flow's bucket, which this worker claims if
   * nobody did yet (without claims, the one the flow hash routes to).
   */
  private int owner(Packet p) {
    if (claimHash == null) {
      return router.route(p);
    }
    int h = claimHash.hash(p);
    int o = claims.owner(h);
    if (o < 0) {
      o = claims.claim(h, index);
      if (o == index) {
        claimed++;
      }
    }
    return o;
  }

  /**
   * The worker that runs ICMP error {@code p} whose reported flow's bucket is {@code
   * quotedOwner}'s: that worker when its table has the flow, else the owner of the ICMP flow of
   * {@code p}'s own addresses (the single mode's choice); the reported flow's worker decides, the
   * other waits for it.
   */
  private int icmpErrorOwner(Packet p, int quotedOwner, long seq) {
    int outerOwner;
    if (claimHash == null) {
      outerOwner = flowHash.routeOuter(p);
    } else {
      int h = flowHash.outerHash(p);
      outerOwner = claims.owner(h);
      if (outerOwner < 0) {
        outerOwner = claims.claim(h, index);
        if (outerOwner == index) {
          claimed++;
        }
      }
    }
    if (outerOwner == quotedOwner) {
      return quotedOwner;
    }
    if (quotedOwner == index) {
      boolean attached = flows != null && flows.hasQuotedFlow(p);
      icmpErrors.decide(seq, attached);
      return attached ? index : outerOwner;
    }
    if (outerOwner == index) {
      long start = System.nanoTime();
      boolean attached = icmpErrors.await(seq, () -> failure.get() != null);
      icmpWaits++;
      icmpWaitNanos += System.nanoTime() - start;
      if (failure.get() != null) {
        throw new Aborted();
      }
      return attached ? quotedOwner : index;
    }
    return quotedOwner;
  }

  /** This thread's counters for stats.json. */
  Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packets", owned);
    m.put("frames_decoded", decodeStats.packets);
    org.vigil.defrag.Defragmenter d = pipeline.defragmenter();
    m.put("fragments_stored", d.fragmentsStored());
    m.put("fragments_left_to_others", d.fragmentsLeft());
    m.put("fragment_bytes_peak", d.nativeBytesPeak());
    m.put("waits_ahead", handovers.waits());
    m.put("waits_for_expectations", waits);
    m.put("expectation_wait_ms", waitNanos / 1_000_000);
    m.put("icmp_error_waits", icmpWaits);
    m.put("icmp_error_wait_ms", icmpWaitNanos / 1_000_000);
    if (claimHash != null) {
      m.put("flow_buckets_claimed", claimed);
    }
    m.put("stopped_by_module", chain.stopped());
    m.put("module_errors", chain.moduleErrors());
    m.put("cpu", affinity);
    m.put("ip_version", "any");
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
