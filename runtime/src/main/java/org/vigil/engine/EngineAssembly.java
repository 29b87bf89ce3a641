package org.vigil.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vigil.config.HostOsPolicyTable;
import org.vigil.config.Memcaps;
import org.vigil.config.VigilConfig;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.PacketConsumer;
import org.vigil.decode.PathStats;
import org.vigil.defrag.DefragConfig;
import org.vigil.defrag.FragPolicy;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.detect.RateLimiter;
import org.vigil.detect.Ruleset;
import org.vigil.outputs.Outputs;
import org.vigil.stream.StreamConfig;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.policy.OverlapPolicy;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;
import org.vigil.thread.AlertEventMapper;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.EventSink;
import org.vigil.thread.module.FlowModule;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.PortscanModule;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.module.ThreadModule;
import org.vigil.thread.module.ThreadModules;
import org.vigil.thread.module.VerdictModule;

/**
 * The engine of one run, built once from the configuration: the packet path (decode, defrag, flow),
 * the stream settings, the per-host policies, the ruleset, the outputs and the thread modules.
 * Every run mode is made from it ({@link #run()} by the thread layout, {@link #inline()} for a
 * queue): each thread of a run gets a {@link ModuleChain} of the same modules (flow, detect,
 * plugins; inline adds the verdict module), and the run's {@link PacketSource} is the head of the
 * chain.
 */
public final class EngineAssembly {
  /**
   * Bytes of already seen in-order stream data kept before each new segment in the inline window.
   */
  public static final int INLINE_WINDOW_BYTES = 16 * 1024;

  private final org.vigil.thread.RulesetSwitch rules;
  private final VigilConfig config;
  private final org.vigil.detect.threshold.ThresholdPolicy thresholdPolicy;
  private final Outputs outputs;
  private final AlertEventMapper mapper;
  private final org.vigil.app.AppLayers appLayer;

  /** The app-layer protocols of the run's flows, or null. */
  org.vigil.app.AppLayers appLayers() {
    return appLayer;
  }

  private final ThreadLayout layout;
  private final ClassLoader plugins;
  private final HostOsPolicyTable hosts;
  private final PathConfig path;
  private final RunMemory memory;
  private final org.vigil.portscan.PortscanConfig portscan;
  private final org.vigil.portscan.ScanTracker scans;
  private final boolean claimFlows;
  private org.vigil.acquire.bpf.BpfFilter filter;

  /**
   * The engine running {@code ruleset} under {@code config} laid out as {@code layout}, writing to
   * {@code outputs} (alerts mapped with {@code mapper}); {@code appLayer} makes a flow's app layer,
   * and thread-module plugins are looked up in {@code plugins}.
   */
  public EngineAssembly(
      Ruleset ruleset,
      VigilConfig config,
      Outputs outputs,
      AlertEventMapper mapper,
      org.vigil.app.AppLayers appLayer,
      ThreadLayout layout,
      ClassLoader plugins) {
    this.rules = new org.vigil.thread.RulesetSwitch(ruleset);
    this.config = config;
    this.outputs = outputs;
    // alerts carry their payload, frame and bodies only when an EVE output logs them
    this.mapper =
        mapper == null
            ? null
            : mapper.withPayloads(outputs == null ? null : outputs.alertBytesAsked());
    this.appLayer = appLayer;
    this.layout = layout;
    this.plugins = plugins;
    this.hosts = HostOsPolicyTable.from(config);
    this.thresholdPolicy = ThresholdFiles.load(config);
    this.portscan = org.vigil.portscan.PortscanConfig.from(config);
    this.claimFlows = claimFlows(config);
    // one tracker for the run: a scanner's flows are hashed to different threads
    this.scans =
        portscan.enabled()
            ? new org.vigil.portscan.ScanTracker(
                portscan.memcapBytes(), Math.max(1, layout.workers().size()))
            : null;
    Memcaps caps = Memcaps.from(config);
    this.memory = new RunMemory(caps, appLayer);
    this.path =
        new PathConfig(
            DecodeConfig.defaults().withChecksums(config.checksumsValidate()),
            new DefragConfig(
                caps.defragTimeout(),
                caps.defragMemcap(),
                PathConfig.defaults().defrag().maxFragmentsPerDatagram(),
                caps.defragTrackers(),
                caps.defragMaxFrags()),
            FlowTimeouts.apply(
                PathConfig.defaults()
                    .flow()
                    .withMemory(
                        caps.flowMemcap(),
                        caps.flowHashSize(),
                        caps.flowPrealloc(),
                        caps.flowEmergencyRecovery()),
                config));
  }

  /** A new limiter deciding thresholds under the rules and the configured threshold file. */
  RateLimiter thresholds() {
    return new RateLimiter(thresholdPolicy);
  }

  /** The run's shared memory budgets. */
  RunMemory memory() {
    return memory;
  }

  /**
   * Runs over capture files read only the frames {@code bpf} passes (live sockets have the filter
   * attached in the kernel instead); call before {@link #run()}.
   */
  public EngineAssembly filter(org.vigil.acquire.bpf.BpfFilter bpf) {
    this.filter = bpf;
    return this;
  }

  /** The ruleset every thread runs (shared, immutable but for its run-time guard's counters). */
  Ruleset ruleset() {
    return rules.current();
  }

  /** The run's ruleset and its live replacement by a rule reload. */
  public org.vigil.thread.RulesetSwitch rules() {
    return rules;
  }

  /**
   * The {@code single} engine of {@code ruleset} (one thread; plugins from the context class
   * loader).
   */
  public static EngineAssembly single(
      Ruleset ruleset,
      VigilConfig config,
      Outputs outputs,
      AlertEventMapper mapper,
      org.vigil.app.AppLayers appLayer) {
    return new EngineAssembly(
        ruleset,
        config,
        outputs,
        mapper,
        appLayer,
        ThreadLayout.single(),
        Thread.currentThread().getContextClassLoader());
  }

  /**
   * The run the thread layout names, over capture files: {@code single}; {@code workers}, each
   * worker reading every capture; or a reader and worker threads ({@code autofp}, custom).
   */
  public Run run() {
    return switch (layout.mode()) {
      case SINGLE -> new ChainRun(this);
      // each worker reads the captures itself (no reader thread, no packet copies)
      case WORKERS -> new WorkersCaptureRun(this, claimFlows ? FlowClaims.forLayout(layout) : null);
      case AUTOFP, CUSTOM -> new WorkerPoolRun(this);
    };
  }

  /**
   * The inline run: each queue's packets get their verdicts on a thread of their own (the calling
   * thread for one queue in the single layout); single and workers layouts only.
   */
  public Run inline() {
    if (layout.mode() != RunMode.SINGLE && layout.mode() != RunMode.WORKERS) {
      throw new IllegalArgumentException(
          "inline runs take the single or workers layout (one worker per queue), not "
              + layout.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
    return new QueueRun(this);
  }

  /**
   * The live run: {@code single} captures on one thread; {@code workers}, {@code autofp} and custom
   * layouts on one thread per worker, each with its own socket per interface in the interface's
   * fanout group, so each flow stays on one thread without a dispatcher (a custom layout's router
   * picks the groups: {@link LiveSockets}).
   */
  public Run live() {
    return switch (layout.mode()) {
      case SINGLE ->
          new LiveRun(
              this, List.of(new ThreadLayout.WorkerSpec("W#01", List.of("flow", "detect"), 0, -1)));
      case WORKERS, AUTOFP, CUSTOM -> new LiveRun(this, layout.workers());
    };
  }

  /**
   * Whether workers over capture files claim flow buckets first come ({@code threading.flow-owner:
   * first-claim}, the default) or split flows by the static flow hash ({@code flow-hash}: the same
   * split in every run).
   */
  private static boolean claimFlows(VigilConfig config) {
    String owner = config.getString("threading.flow-owner", "first-claim");
    return switch (owner) {
      case "first-claim" -> true;
      case "flow-hash" -> false;
      default ->
          throw new org.vigil.config.ConfigException(
              "threading.flow-owner: expected first-claim or flow-hash, found '" + owner + "'");
    };
  }

  ThreadLayout layout() {
    return layout;
  }

  Outputs outputs() {
    return outputs;
  }

  AlertEventMapper mapper() {
    return mapper;
  }

  /** The reader's stage: decode and defragment (and attach flows only with {@code attachFlows}). */
  DecodePipeline decodeStage(PathStats stats, PacketConsumer consumer, boolean attachFlows) {
    // the reader's own flow table is unused (the flow module's tables attach flows): keep it small
    PathConfig reader =
        new PathConfig(
            path.decode(),
            path.defrag(),
            path.flow().withMemory(path.flow().memcapBytes(), 16, 0, 30));
    DecodePipeline d = new DecodePipeline(reader, fragPolicies(), stats, consumer, (f, r) -> {});
    d.setAttachFlows(attachFlows);
    d.setFilter(filter);
    return d;
  }

  /**
   * The module chain of one thread: the modules {@code names} (built in: flow, detect, and on
   * inline runs {@code verdict}, the given module; else plugins), detection writing to {@code sink}
   * and deciding thresholds with {@code thresholds}, at once or, with {@code deferThresholds}, kept
   * for the run to decide in global order.
   */
  ModuleChain chain(
      ThreadContext context,
      List<String> names,
      String key,
      EventSink sink,
      RateLimiter thresholds,
      boolean deferThresholds,
      VerdictModule verdict) {
    boolean inline = verdict != null;
    Map<String, Supplier<ThreadModule>> builtins = new LinkedHashMap<>();
    builtins.put(
        "flow",
        () -> new FlowModule(path.flow(), memory.flows, Math.max(1, layout.workers().size())));
    if (inline) {
      verdict.alertCap(config.packetAlertMax());
      builtins.put("verdict", () -> verdict);
    }
    builtins.put(
        "detect",
        () -> {
          DetectModule d =
              new DetectModule(
                  rules,
                  thresholds,
                  deferThresholds,
                  () -> streams(inline),
                  appLayer,
                  mapper,
                  sink);
          d.alertCap(config.packetAlertMax());
          return d;
        });
    if (scans != null) {
      builtins.put("portscan", () -> new PortscanModule(portscan, scans, thresholds, mapper, sink));
    }
    ThreadModules registry = new ThreadModules(builtins, plugins, config);
    List<ThreadModule> modules = new ArrayList<>();
    for (String name : withPortscan(names)) {
      modules.add(registry.create(name, key));
    }
    return new ModuleChain(context, modules);
  }

  /**
   * {@code names} with the portscan module right after flow tracking when portscan detection is on
   * and the layout does not place it itself.
   */
  private List<String> withPortscan(List<String> names) {
    int flow = names.indexOf("flow");
    if (scans == null || flow < 0 || names.contains("portscan")) {
      return names;
    }
    List<String> out = new ArrayList<>(names);
    out.add(flow + 1, "portscan");
    return out;
  }

  /**
   * A thread's stream engine as {@code stream.inline} says (unset: inline on inline runs, IDS over
   * capture files); an inline stream keeps the first data of overlaps whatever the host's policy,
   * as Suricata's.
   */
  private StreamEngine streams(boolean inline) {
    StreamConfig sc =
        config.streamInline(inline)
            ? StreamConfig.inline(port -> INLINE_WINDOW_BYTES)
            : StreamConfig.ids();
    sc =
        sc.withMidstream(config.streamMidstream())
            .withDepth(config.streamReassemblyDepth())
            .withTtlDelta(config.streamTtlDelta())
            .withMemcap(memory.caps.reassemblyMemcap());
    return new StreamEngine(sc, streamPolicies(), memory.reassembly, memory.sessions);
  }

  private PolicyResolver streamPolicies() {
    Map<String, OverlapPolicy> byName = new LinkedHashMap<>();
    return addr ->
        byName.computeIfAbsent(
            hosts.policyFor(addr),
            n ->
                TargetPolicies.byName(n)
                    .orElseThrow(() -> new IllegalArgumentException("unknown stream policy " + n)));
  }

  private FragPolicyResolver fragPolicies() {
    Map<String, FragPolicy> byName = new LinkedHashMap<>();
    return (v, hi, lo) ->
        byName.computeIfAbsent(
            hosts.policyFor(org.vigil.decode.IpAddresses.bytes(v, hi, lo)), FragPolicy::forName);
  }
}
