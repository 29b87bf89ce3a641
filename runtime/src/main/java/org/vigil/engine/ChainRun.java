package org.vigil.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.acquire.CaptureFeed;
import org.vigil.acquire.nfq.NfqPacket;
import org.vigil.acquire.nfq.NfqSource;
import org.vigil.acquire.nfq.NfqStats;
import org.vigil.acquire.nfq.NfqVerdict;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.detect.RateLimiter;
import org.vigil.output.PcapLog;
import org.vigil.output.stats.ProgressLine;
import org.vigil.outputs.Outputs;
import org.vigil.thread.module.CaptureFrames;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.module.VerdictModule;
import org.vigil.verdict.InlineEnforcer;
import org.vigil.verdict.PacketInjector;
import org.vigil.verdict.RawSocketInjector;
import org.vigil.verdict.Verdict;

/**
 * A run whose whole chain runs on the calling thread: the source's frames are decoded and
 * defragmented, then go through the thread's modules (flow, detect, and for inline runs the verdict
 * module). Over capture files this is the {@code single} mode: every capture its feed hands out (in
 * name order; a watched folder until the run is stopped), each its own world (flows, streams,
 * flowbits and thresholds reset between files), a progress line, periodic stats and the pcap log.
 * On a queue this is the inline mode: each packet gets the verdict of the rules it matched, and a
 * packet whose processing fails gets the source's fail verdict (counted).
 */
final class ChainRun implements Run {
  private static final System.Logger LOG = System.getLogger(ChainRun.class.getName());

  /** How long the run waits for a watched folder's next capture before it writes periodic stats. */
  static final long STATS_WAIT_MILLIS = 1000;

  private final RunMemory memory;
  private final Outputs outputs;
  private final PathStats stats = new PathStats();
  private final RateLimiter thresholds;
  private final ModuleChain chain;
  private final DetectModule detect;
  private final VerdictModule verdicts;
  private final PacketInjector injector;
  private final DecodePipeline decode;
  private long packets;
  private PrintStream progressOut;
  private ProgressLine progress;
  private long doneBytes;
  private long bytesAtFileStart;
  private PcapLog.Conditional pcapLog;
  private volatile NfqSource queue;
  private volatile boolean stopRequested;
  private volatile CaptureFeed feed;

  ChainRun(EngineAssembly engine, boolean inline) {
    this.outputs = engine.outputs();
    this.thresholds = engine.thresholds();
    this.memory = engine.memory();
    DirectSink sink = new DirectSink(outputs);
    if (inline) {
      injector = new RawSocketInjector();
      verdicts =
          new VerdictModule(
              engine.mapper(),
              sink,
              new InlineEnforcer(
                  injector, msg -> LOG.log(System.Logger.Level.WARNING, "inline: " + msg)));
    } else {
      injector = null;
      verdicts = null;
    }
    // inline, the verdict module sits before detection: it stops the packets of dropped flows
    this.chain =
        engine.chain(
            new ThreadContext("main", 0, stats),
            inline ? List.of("flow", "verdict", "detect") : List.of("flow", "detect"),
            "threading",
            sink,
            thresholds,
            false,
            verdicts);
    this.detect = chain.find(DetectModule.class);
    if (inline) {
      detect.divertMatches(verdicts);
    }
    this.decode =
        engine.decodeStage(stats, inline ? this::inlinePacket : this::capturePacket, false);
    chain.init();
  }

  @Override
  public Map<String, Object> run(PacketSource source) throws IOException {
    return switch (source) {
      case PacketSource.Captures c -> {
        if (verdicts != null) {
          throw new IllegalArgumentException("an inline run reads a queue, not capture files");
        }
        yield captures(c.feed());
      }
      case PacketSource.Queue q -> {
        if (verdicts == null) {
          throw new IllegalArgumentException(
              "a queue needs an inline run (EngineAssembly.inline())");
        }
        yield queue(q);
      }
    };
  }

  private Map<String, Object> captures(CaptureFeed feed) throws IOException {
    this.feed = feed;
    if (stopRequested) {
      feed.close();
    }
    pcapLog = outputs.pcapLog();
    List<Path> captures = feed.known();
    if (progressOut != null && captures != null) {
      long total = 0;
      for (Path c : captures) {
        total += Files.size(c);
      }
      progress =
          new ProgressLine(
              progressOut,
              captures.size() == 1
                  ? captures.get(0).getFileName().toString()
                  : captures.size() + " captures",
              total,
              2000,
              System.console() != null,
              System.nanoTime());
    }
    while (true) {
      Path capture = feed.next(STATS_WAIT_MILLIS);
      if (capture == null) {
        if (feed.ended()) {
          break;
        }
        // a watched folder with nothing new: periodic stats go on
        outputs.statsTick(System.nanoTime(), this::counters);
        continue;
      }
      bytesAtFileStart = stats.bytes;
      long size = Files.size(capture);
      boolean opened = decode.runCapture(capture);
      chain.endOfCapture();
      doneBytes += size;
      thresholds.clear();
      feed.read(capture, opened);
      if (captures == null) {
        // a watched folder: what this capture raised is on disk before the run waits for the next
        // one
        outputs.flush();
      }
      outputs.statsTick(System.nanoTime(), this::counters);
    }
    chain.deinit();
    Map<String, Object> counters = counters();
    // as the parallel modes report their threads: the one thread that did everything
    Map<String, Object> main = new LinkedHashMap<>();
    main.put("packets", packets);
    main.put("cpu_ms", ThreadCpu.current() / 1_000_000);
    Map<String, Object> threading = new LinkedHashMap<>();
    threading.put("runmode", "single");
    threading.put("threads", Map.of("main", main));
    counters.put("threading", threading);
    if (progress != null) {
      progress.finish(packets, doneBytes, System.nanoTime());
    }
    outputs.finish(counters);
    return counters;
  }

  /** A packet of a capture: periodic progress and stats, the chain, then the pcap log. */
  private void capturePacket(Packet p) {
    packets++;
    if ((packets & 4095) == 0) {
      long now = System.nanoTime();
      if (progress != null) {
        progress.update(packets, doneBytes + stats.bytes - bytesAtFileStart, now);
      }
      try {
        outputs.statsTick(now, this::counters);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    chain.process(p);
    if (pcapLog != null
        && (chain.context().alerted() || pcapLog == PcapLog.Conditional.ALL)
        && CaptureFrames.loggable(p)) {
      try {
        outputs.packet(
            p.captureName(),
            p.pcapCnt(),
            p.timestampNanos(),
            p.linkType(),
            p.wireLength(),
            p.data(),
            p.length());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void inlinePacket(Packet p) {
    packets++;
    chain.process(p);
  }

  private Map<String, Object> queue(PacketSource.Queue q) throws IOException {
    Packet frame = decode.acquire();
    NfqSource src = NfqSource.open(q.options());
    queue = src;
    try (src) {
      if (!stopRequested) {
        src.run(packet -> verdict(packet, frame));
      }
      decode.endOfCapture();
      chain.endOfCapture();
      chain.deinit();
      Map<String, Object> counters = counters();
      counters.put("ips", ips(src.stats()));
      outputs.finish(counters);
      return counters;
    } finally {
      queue = null;
      injector.close();
    }
  }

  /**
   * One queued packet through the chain, then the verdict of the rules it matched, as netfilter
   * hears it.
   */
  private NfqVerdict verdict(NfqPacket packet, Packet frame) throws IOException {
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
    return switch (verdicts.decide(frame)) {
      case Verdict.Accept a -> NfqVerdict.ACCEPT;
      case Verdict.Drop d -> NfqVerdict.DROP;
      case Verdict.Reject r -> NfqVerdict.DROP;
      case Verdict.Repeat r -> new NfqVerdict.Repeat(r.mark());
    };
  }

  private long failures() {
    return detect.errors().count() + chain.moduleErrors();
  }

  private Map<String, Object> ips(NfqStats nfq) {
    Map<String, Object> ips = new LinkedHashMap<>();
    ips.put("queue", nfq.queue());
    ips.put("received", nfq.received());
    ips.put("accepted", nfq.accepted());
    ips.put("dropped", nfq.dropped());
    ips.put("rejected", verdicts.rejects());
    ips.put("rule_drops", verdicts.drops());
    ips.put("rule_rejects", verdicts.rejects());
    ips.put("stream_drops", verdicts.streamDrops());
    ips.put("fail_verdicts", nfq.handlerFailures());
    ips.put("enobufs", nfq.enobufs());
    return ips;
  }

  private Map<String, Object> counters() {
    Map<String, Object> m =
        StatsTree.runCounters(
            stats, detect.streams(), detect.detector(), alerts(), detect.errors().count());
    memory.addTo(m);
    StatsTree.addFeed(m, feed);
    return m;
  }

  @Override
  public void stop() {
    stopRequested = true;
    CaptureFeed f = feed;
    if (f != null) {
      f.close();
    }
    NfqSource s = queue;
    if (s != null) {
      s.stop();
    }
  }

  @Override
  public void showProgress(PrintStream err) {
    this.progressOut = err;
  }

  @Override
  public long alerts() {
    return verdicts != null ? verdicts.alerts() : detect.alerts();
  }

  @Override
  public long packets() {
    return packets;
  }

  @Override
  public long engineErrors() {
    return detect.errors().count();
  }

  @Override
  public List<String> errorMessages() {
    return detect.errors().messages();
  }

  @Override
  public PathStats pathStats() {
    return stats;
  }

  @Override
  public long drops() {
    return verdicts == null ? 0 : verdicts.drops();
  }

  @Override
  public long rejects() {
    return verdicts == null ? 0 : verdicts.rejects();
  }
}
