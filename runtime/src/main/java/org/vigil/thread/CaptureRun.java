package org.vigil.thread;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.acquire.CaptureReader;
import org.vigil.config.HostOsPolicyTable;
import org.vigil.config.VigilConfig;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.DecodePipeline;
import org.vigil.decode.PathConfig;
import org.vigil.defrag.FragPolicy;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.detect.Detector;
import org.vigil.detect.Ruleset;
import org.vigil.inspect.AlertListener;
import org.vigil.inspect.FlowInspector;
import org.vigil.inspect.InspectionUnit;
import org.vigil.flow.FlowSlots;
import org.vigil.output.Outputs;
import org.vigil.output.stats.ProgressLine;
import org.vigil.stats.PathStats;
import org.vigil.stream.StreamConfig;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.policy.OverlapPolicy;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;

/**
 * The {@code single} run mode over capture files: one thread reads every capture of the input in
 * name order, each its own world (flows, streams, flowbits and thresholds reset between files),
 * and sends alerts and stats to the outputs.
 */
public final class CaptureRun {
  private final Ruleset ruleset;
  private final VigilConfig config;
  private final Outputs outputs;
  private final AlertEventMapper mapper;
  private final org.vigil.app.AppLayers appLayer;
  private final PathStats stats = new PathStats();
  private long alerts;
  private long packets;
  private boolean packetAlerted;
  private PrintStream progressOut;
  private long doneBytes;
  private long bytesAtFileStart;
  private final EngineErrors errors = new EngineErrors();

  /** A run of {@code ruleset} under {@code config}, writing to {@code outputs}. */
  public CaptureRun(Ruleset ruleset, VigilConfig config, Outputs outputs, AlertEventMapper mapper,
      org.vigil.app.AppLayers appLayer) {
    this.ruleset = ruleset;
    this.config = config;
    this.outputs = outputs;
    this.mapper = mapper;
    this.appLayer = appLayer;
  }

  /** Reads the capture file or folder {@code input} to its end; returns the counters written to stats.json. */
  public Map<String, Object> run(Path input) throws IOException {
    return run(CaptureReader.captures(input));
  }

  /** Reads each capture of {@code captures} in turn, each its own world; returns the final counters. */
  public Map<String, Object> run(List<Path> captures) throws IOException {
    HostOsPolicyTable hosts = HostOsPolicyTable.from(config);
    StreamEngine streams = new StreamEngine(streamConfig(config), streamPolicies(hosts));
    Detector detector = new Detector(ruleset);
    FlowInspector[] self = new FlowInspector[1];
    AlertListener sink = (rule, ctx, p, unit) -> {
      alerts++;
      // the alert's packet, if a frame of the capture (its pcap_cnt in eve.json), goes to the pcap log
      packetAlerted |= OutputStage.loggable(p);
      try {
        outputs.alert(mapper.map(rule, ctx, p, false,
            unit == InspectionUnit.APP_LAYER ? self[0].currentHttp() : null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    FlowInspector worker = new FlowInspector(detector, streams, new FlowSlots(), sink, appLayer);
    self[0] = worker;
    worker.setTransactionLog(event -> {
      try {
        outputs.http(event);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    PathConfig path = new PathConfig(DecodeConfig.defaults().withChecksums(config.checksumsValidate()),
        PathConfig.defaults().defrag(), PathConfig.defaults().flow());
    org.vigil.output.PcapLog.Conditional pcapLog = outputs.pcapLog();
    long total = 0;
    for (Path c : captures) {
      total += Files.size(c);
    }
    ProgressLine progress = progressOut == null ? null
        : new ProgressLine(progressOut, captures.size() == 1 ? captures.get(0).getFileName().toString()
            : captures.size() + " captures", total, 2000, System.console() != null, System.nanoTime());
    DecodePipeline pipeline = new DecodePipeline(path, fragPolicies(hosts), stats, p -> {
      packets++;
      if ((packets & 4095) == 0) {
        long now = System.nanoTime();
        if (progress != null) {
          progress.update(packets, doneBytes + stats.bytes - bytesAtFileStart, now);
        }
        try {
          outputs.statsTick(now, () -> counters(streams, detector));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      packetAlerted = false;
      try {
        worker.process(p);
      } catch (UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        // a bug met on one packet must not stop the engine: count it, say where, go on
        errors.record(p, e);
      }
      if (pcapLog != null && (packetAlerted || pcapLog == org.vigil.output.PcapLog.Conditional.ALL)
          && OutputStage.loggable(p)) {
        try {
          outputs.packet(p.captureName(), p.pcapCnt(), p.timestampNanos(), p.linkType(), p.wireLength(), p.data(),
              p.length());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }, errors.guarding(worker));
    for (Path capture : captures) {
      bytesAtFileStart = stats.bytes;
      pipeline.runCapture(capture);
      doneBytes += Files.size(capture);
      detector.rateLimiter().clear();
      outputs.statsTick(System.nanoTime(), () -> counters(streams, detector));
    }
    Map<String, Object> counters = counters(streams, detector);
    // as the parallel modes report their threads: the one thread that did everything
    Map<String, Object> main = new java.util.LinkedHashMap<>();
    main.put("packets", packets);
    main.put("cpu_ms", ThreadCpu.current() / 1_000_000);
    Map<String, Object> threading = new java.util.LinkedHashMap<>();
    threading.put("runmode", "single");
    threading.put("threads", Map.of("main", main));
    counters.put("threading", threading);
    if (progress != null) {
      progress.finish(packets, doneBytes, System.nanoTime());
    }
    outputs.finish(counters);
    return counters;
  }

  /** Prints a progress line (packets, rate, share of the captures read) to {@code err} on long runs. */
  public void showProgress(PrintStream err) {
    this.progressOut = err;
  }

  /** Alerts raised so far. */
  public long alerts() {
    return alerts;
  }

  /** Packets that went through detection (captured, reassembled and tunnel inner). */
  public long packets() {
    return packets;
  }

  /** Packets whose processing failed on an internal error (counted and passed over). */
  public long engineErrors() {
    return errors.count();
  }

  /** The first internal errors met, with the packet each was met on. */
  public List<String> errorMessages() {
    return errors.messages();
  }

  /** The packet path's counters. */
  public PathStats pathStats() {
    return stats;
  }

  private Map<String, Object> counters(StreamEngine streams, Detector detector) {
    return StatsTree.runCounters(stats, streams, detector, alerts, errors.count());
  }

  /** The stream settings a configuration gives for IDS runs over captures. */
  static StreamConfig streamConfig(VigilConfig config) {
    StreamConfig base = StreamConfig.ids();
    return base.withMidstream(config.streamMidstream()).withDepth(config.streamReassemblyDepth());
  }

  static PolicyResolver streamPolicies(HostOsPolicyTable hosts) {
    Map<String, OverlapPolicy> byName = new LinkedHashMap<>();
    return addr -> byName.computeIfAbsent(hosts.policyFor(addr), n -> TargetPolicies.byName(n)
        .orElseThrow(() -> new IllegalArgumentException("unknown stream policy " + n)));
  }

  static FragPolicyResolver fragPolicies(HostOsPolicyTable hosts) {
    Map<String, FragPolicy> byName = new LinkedHashMap<>();
    return (v, hi, lo) -> byName.computeIfAbsent(hosts.policyFor(org.vigil.decode.IpAddresses.bytes(v, hi, lo)), FragPolicy::forName);
  }
}
