package org.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.acquire.nfq.KernelQueueCounters;
import org.vigil.acquire.nfq.NfqOptions;
import org.vigil.acquire.nfq.NfqPacket;
import org.vigil.acquire.nfq.NfqSource;
import org.vigil.acquire.nfq.NfqStats;
import org.vigil.acquire.nfq.NfqVerdict;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.detect.RateLimiter;
import org.vigil.flow.Flow;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.EventSink;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.module.VerdictModule;
import org.vigil.verdict.InlineEnforcer;
import org.vigil.verdict.PacketInjector;
import org.vigil.verdict.RawSocketInjector;
import org.vigil.verdict.Verdict;

/**
 * One NFQUEUE and the chain that gives its packets their verdicts, all on one thread: the queue's
 * own netlink socket, decode and defrag, the thread's modules (flow, verdict, detect, plugins) with
 * their own flow table, and its own raw socket for rejects. Each queued packet gets the verdict of
 * the rules it matched; a packet whose processing fails gets the queue's fail verdict (counted).
 * The verdicts are counted as Suricata's {@code ips} counters: a packet is rejected, else blocked,
 * else accepted ({@code replaced} stays 0: Vigil does not rewrite packets).
 */
final class QueueChain {
  private static final System.Logger LOG = System.getLogger(QueueChain.class.getName());

  private final NfqOptions options;
  private final PathStats stats = new PathStats();
  private final ModuleChain chain;
  private final DetectModule detect;
  private final VerdictModule verdicts;
  private final PacketInjector injector;
  private final DecodePipeline decode;
  private final Packet frame;
  private final QueueFlowAffinity affinity;
  private long packets;
  private long accepted;
  private long blocked;
  private long rejected;
  private NfqSource source;
  private NfqStats last;
  private volatile boolean stopRequested;
  private volatile NfqSource running;

  /**
   * The chain of queue {@code options.queue()} on thread {@code name} (the {@code index}-th of the
   * run), running {@code modules} (they must hold {@code verdict}), writing events to {@code sink}
   * and deciding thresholds with {@code thresholds} (shared by the run's queues); the flows it
   * starts and ends are told to {@code affinity} (null: the run's only queue).
   */
  QueueChain(
      EngineAssembly engine,
      String name,
      int index,
      List<String> modules,
      NfqOptions options,
      EventSink sink,
      RateLimiter thresholds,
      QueueFlowAffinity affinity) {
    this.options = options;
    this.affinity = affinity;
    this.injector = new RawSocketInjector();
    this.verdicts =
        new VerdictModule(
            engine.mapper(),
            sink,
            new InlineEnforcer(
                injector,
                msg ->
                    LOG.log(
                        System.Logger.Level.WARNING,
                        "inline (queue " + options.queue() + "): " + msg)));
    // the verdict module sits before detection: it stops the packets of dropped flows
    this.chain =
        engine.chain(
            new ThreadContext(name, index, stats),
            modules,
            "threading",
            sink,
            thresholds,
            false,
            verdicts);
    this.detect = chain.find(DetectModule.class);
    detect.divertMatches(verdicts);
    if (affinity != null) {
      chain.context().onFlowEnd((f, reason) -> affinity.ended(f, options.queue()));
    }
    this.decode = engine.decodeStage(stats, this::packet, false);
    this.frame = decode.acquire();
    chain.init();
  }

  /**
   * Binds the queue (on the caller's thread, so that every queue of a run is bound, or the run
   * fails, before any packet is taken).
   *
   * @throws org.vigil.acquire.nfq.NfqException when the queue cannot be bound
   */
  void open() {
    source = NfqSource.open(options);
  }

  /**
   * Runs the verdict loop on the calling thread until {@link #stop()}, then ends the chain's flows
   * and closes the queue.
   */
  void run() throws IOException {
    run(() -> {});
  }

  /**
   * As {@link #run()}, calling {@code between} on this thread between receives while no verdict
   * waits (at least every 200 ms: periodic stats of a run whose one queue runs here).
   */
  void run(Runnable between) throws IOException {
    running = source;
    try (NfqSource src = source) {
      if (!stopRequested) {
        src.run(this::verdict, between);
      }
      decode.endOfCapture();
      chain.endOfCapture();
      chain.deinit();
      last = src.stats();
    } finally {
      running = null;
      injector.close();
    }
  }

  /** Closes what a chain that never ran holds (another queue of the run failed to bind). */
  void closeUnrun() {
    if (running == null && last == null) {
      if (source != null) {
        source.close();
      }
      injector.close();
    }
  }

  /** Asks the verdict loop to return (any thread); it returns within 200 ms. */
  void stop() {
    stopRequested = true;
    NfqSource s = running;
    if (s != null) {
      s.stop();
    }
  }

  private void packet(Packet p) {
    packets++;
    chain.process(p);
    Flow f = p.flow();
    if (affinity != null && f != null && f.packetsToServer() + f.packetsToClient() == 1) {
      affinity.started(f, options.queue());
    }
  }

  /**
   * One queued packet through the chain, then the verdict of the rules it matched, as netfilter
   * hears it.
   */
  private NfqVerdict verdict(NfqPacket packet) throws IOException {
    verdicts.begin();
    long failedBefore = failures();
    int len = packet.payloadLength();
    try {
      frame.reset();
      byte[] data = frame.ensureCapacity(len);
      packet.buffer().get(packet.payloadOffset(), data, 0, len);
      long micros = packet.timestampMicros();
      long nanos = micros >= 0 ? micros * 1000 : System.currentTimeMillis() * 1_000_000L;
      frame.setFrame(len, packet.originalLength(), nanos, LinkTypes.RAW, 0, null);
      decode.process(frame);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      // a bug met on one packet must not stop the engine: count it, the source gives its fail
      // verdict
      detect.errors().record("queued packet " + packet.id(), e);
      throw e;
    }
    if (failures() != failedBefore) {
      // a module met an internal error (counted where it was met): the source gives its fail
      // verdict
      throw new IllegalStateException("internal error on queued packet " + packet.id());
    }
    long rejectsBefore = verdicts.rejects();
    NfqVerdict v =
        switch (verdicts.decide(frame)) {
          case Verdict.Accept a -> NfqVerdict.ACCEPT;
          case Verdict.Drop d -> NfqVerdict.DROP;
          case Verdict.Reject r -> NfqVerdict.DROP;
          case Verdict.Repeat r -> new NfqVerdict.Repeat(r.mark());
        };
    // the enforcer answers a reject (it sent the reset) with a drop: the rule action tells them
    // apart
    if (verdicts.rejects() != rejectsBefore) {
      rejected++;
    } else if (v instanceof NfqVerdict.Drop) {
      blocked++;
    } else {
      accepted++;
    }
    return v;
  }

  private long failures() {
    return detect.errors().count() + chain.moduleErrors();
  }

  NfqOptions options() {
    return options;
  }

  PathStats stats() {
    return stats;
  }

  DetectModule detect() {
    return detect;
  }

  VerdictModule verdicts() {
    return verdicts;
  }

  ModuleChain chain() {
    return chain;
  }

  long packets() {
    return packets;
  }

  /**
   * The queue's {@code ips} counters (Suricata's names, each packet in one of accepted, blocked,
   * rejected, replaced) with the source's and the verdict module's; after {@link #run()}.
   */
  Map<String, Object> ips() {
    NfqStats nfq = last != null ? last : source.stats();
    // a packet whose processing failed got the queue's fail verdict
    long failed = nfq.handlerFailures() + nfq.malformed();
    boolean failAccepts = !(options.failVerdict() instanceof NfqVerdict.Drop);
    Map<String, Object> ips = new LinkedHashMap<>();
    ips.put("queue", nfq.queue());
    ips.put("received", nfq.received());
    ips.put("accepted", accepted + (failAccepts ? failed : 0));
    ips.put("blocked", blocked + (failAccepts ? 0 : failed));
    ips.put("rejected", rejected);
    ips.put("replaced", 0L);
    ips.put("dropped", nfq.dropped());
    ips.put("repeated", nfq.repeated());
    ips.put("rule_drops", verdicts.drops());
    ips.put("rule_rejects", verdicts.rejects());
    ips.put("stream_drops", verdicts.streamDrops());
    ips.put("fail_verdicts", nfq.handlerFailures());
    ips.put("malformed", nfq.malformed());
    ips.put("enobufs", nfq.enobufs());
    ips.put("send_errors", nfq.sendErrors());
    ips.put("verdict_sends", nfq.verdictSends());
    KernelQueueCounters k = nfq.kernel();
    if (k != null) {
      ips.put("kernel_queue_dropped", k.queueDropped());
      ips.put("kernel_user_dropped", k.userDropped());
    }
    return ips;
  }
}
