package org.vigil.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.acquire.CaptureFeed;
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

/**
 * The {@code single} mode over capture files: the whole chain runs on the calling thread; the
 * frames are decoded and defragmented, then go through the thread's modules (flow, detect). Every
 * capture its feed hands out (in name order; a watched folder until the run is stopped) is its own
 * world (flows, streams, flowbits and thresholds reset between files), with a progress line,
 * periodic stats and the pcap log. Inline runs on queues are {@link QueueRun}s.
 */
final class ChainRun implements Run {
  /** How long the run waits for a watched folder's next capture before it writes periodic stats. */
  static final long STATS_WAIT_MILLIS = 1000;

  private final RunMemory memory;
  private final org.vigil.thread.RulesetSwitch rules;
  private final Outputs outputs;
  private final PathStats stats = new PathStats();
  private final RateLimiter thresholds;
  private final ModuleChain chain;
  private final DetectModule detect;
  private final DecodePipeline decode;
  private long packets;
  private PrintStream progressOut;
  private ProgressLine progress;
  private long doneBytes;
  private long bytesAtFileStart;
  private PcapLog.Conditional pcapLog;
  private volatile boolean stopRequested;
  private volatile CaptureFeed feed;

  ChainRun(EngineAssembly engine) {
    this.outputs = engine.outputs();
    this.thresholds = engine.thresholds();
    this.memory = engine.memory();
    this.rules = engine.rules();
    this.chain =
        engine.chain(
            new ThreadContext("main", 0, stats),
            List.of("flow", "detect"),
            "threading",
            new DirectSink(outputs),
            thresholds,
            false,
            null);
    this.detect = chain.find(DetectModule.class);
    this.decode = engine.decodeStage(stats, this::capturePacket, false);
    chain.init();
  }

  @Override
  public Map<String, Object> run(PacketSource source) throws IOException {
    return switch (source) {
      case PacketSource.Captures c -> captures(c.feed());
      case PacketSource.Queue q ->
          throw new IllegalArgumentException(
              "a queue needs an inline run (EngineAssembly.inline())");
      case PacketSource.Live l ->
          throw new IllegalArgumentException("live capture runs through EngineAssembly.live()");
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
    main.put("stopped_by_module", chain.stopped());
    main.put("module_errors", chain.moduleErrors());
    main.put("cpu_ms", ThreadCpu.current() / 1_000_000);
    org.vigil.thread.module.PortscanModule scans =
        chain.find(org.vigil.thread.module.PortscanModule.class);
    if (scans != null) {
      main.put(scans.name(), scans.counters());
    }
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

  private Map<String, Object> counters() {
    Map<String, Object> m =
        StatsTree.runCounters(
            stats,
            detect.streams(),
            detect.detector(),
            alerts(),
            engineErrors(),
            detect.alertQueueOverflow());
    memory.addTo(m);
    rules.addTo(m);
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
  }

  @Override
  public void showProgress(PrintStream err) {
    this.progressOut = err;
  }

  @Override
  public long alerts() {
    org.vigil.thread.module.PortscanModule ps =
        chain.find(org.vigil.thread.module.PortscanModule.class);
    return detect.alerts() + (ps == null ? 0 : ps.alerts());
  }

  @Override
  public long packets() {
    return packets;
  }

  @Override
  public long engineErrors() {
    return detect.errors().count() + chain.moduleErrors();
  }

  @Override
  public List<String> errorMessages() {
    List<String> all = new ArrayList<>(detect.errors().messages());
    all.addAll(chain.errors().messages());
    return all;
  }

  @Override
  public PathStats pathStats() {
    return stats;
  }
}
