package org.vigil.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/**
 * The threads of a run, from the run mode, the thread count and vigil.yaml's {@code threading}
 * section: the worker threads with their modules, IP version and CPU, how packets are routed to
 * them, whether an output thread serializes events, the queue size, and whether the workers send
 * packets with alerts to the output stage ({@code alerted}: the alerted router, named in a custom
 * layout's {@code threading.router}; workers and autofp use it when {@code outputs.pcap-log} is
 * on).
 *
 * <pre>
 * threading:
 *   runmode: custom            # single | workers | autofp | custom
 *   threads: 2                 # workers / autofp
 *   modules: [counter]         # plugin modules appended to every worker (workers / autofp)
 *   set-cpu-affinity: yes
 *   cpu-affinity: [0, 1]       # the i-th worker's CPU
 *   queue-size: 4096
 *   router: ip-version         # custom: flow-hash | ip-version | round-robin, and/or alerted:
 *                              #   [ip-version, alerted]: packets with alerts from the workers to the
 *                              #   output stage (for outputs.pcap-log; alone it means [flow-hash, alerted])
 *   output: thread             # custom: thread (an output thread) | reader (the reader writes events)
 *   workers:                   # custom
 *     - {name: v4, ip-version: 4, modules: [flow, detect], cpu: 0}
 *     - {name: v6, ip-version: 6, modules: [flow, detect, counter], cpu: 1}
 * </pre>
 */
public record ThreadLayout(
    RunMode mode,
    List<WorkerSpec> workers,
    RouterKind router,
    boolean outputThread,
    int queueSize,
    boolean alerted) {
  /**
   * The most worker threads a layout takes: each keeps its own flow table and, in {@code workers}
   * over capture files, its own defragmentation budget, which the launcher's heap counts per
   * worker.
   */
  public static final int MAX_THREADS = 1024;

  /**
   * Packets a worker's queue holds by default ({@code threading.queue-size}): each is ~2.5 KB while
   * in flight, and the worker's pool keeps as many, so this bounds a worker's packet memory to ~10
   * MB (16384 took ~80 MB with two workers for no CPU gain on bench10).
   */
  static final int DEFAULT_QUEUE_SIZE = 4096;

  /** A layout without the alerted router (see {@link #alerted}). */
  public ThreadLayout(
      RunMode mode,
      List<WorkerSpec> workers,
      RouterKind router,
      boolean outputThread,
      int queueSize) {
    this(mode, workers, router, outputThread, queueSize, false);
  }

  /** How packets are routed to the workers. */
  public enum RouterKind {
    FLOW_HASH,
    IP_VERSION,
    ROUND_ROBIN
  }

  /**
   * One worker thread: its name, its modules in order, the IP version it takes (0 any) and its CPU
   * (-1 none).
   */
  public record WorkerSpec(String name, List<String> modules, int ipVersion, int cpu) {}

  /** The {@code single} layout: the calling thread does everything. */
  public static ThreadLayout single() {
    return new ThreadLayout(
        RunMode.SINGLE, List.of(), RouterKind.FLOW_HASH, false, DEFAULT_QUEUE_SIZE);
  }

  /**
   * The layout for {@code cliMode}/{@code cliThreads} (null when not given on the command line:
   * then {@code threading.runmode}/{@code threading.threads}, default single and the CPU count).
   */
  public static ThreadLayout from(VigilConfig config, String cliMode, Integer cliThreads) {
    String modeName = cliMode != null ? cliMode : config.getString("threading.runmode", "single");
    RunMode mode = RunMode.parse(modeName, cliMode != null ? "--runmode" : "threading.runmode");
    int queueSize =
        intValue(config.get("threading.queue-size"), DEFAULT_QUEUE_SIZE, "threading.queue-size");
    if (queueSize < 16) {
      throw new ConfigException("threading.queue-size: at least 16, found " + queueSize);
    }
    if (mode == RunMode.SINGLE) {
      return new ThreadLayout(mode, List.of(), RouterKind.FLOW_HASH, false, queueSize);
    }
    if (mode == RunMode.CUSTOM) {
      return custom(config, queueSize);
    }
    int threads =
        cliThreads != null
            ? cliThreads
            : intValue(
                config.get("threading.threads"),
                Runtime.getRuntime().availableProcessors(),
                "threading.threads");
    if (threads < 1 || threads > MAX_THREADS) {
      throw new ConfigException(
          (cliThreads != null ? "--threads" : "threading.threads")
              + (threads < 1 ? ": at least 1, found " : ": at most " + MAX_THREADS + ", found ")
              + threads);
    }
    List<String> modules = new ArrayList<>(List.of("flow", "detect"));
    modules.addAll(strings(config.get("threading.modules"), "threading.modules"));
    List<String> cpus =
        config.getBoolean("threading.set-cpu-affinity", false)
            ? strings(config.get("threading.cpu-affinity"), "threading.cpu-affinity")
            : List.of();
    List<WorkerSpec> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int cpu =
          cpus.isEmpty() ? -1 : intValue(cpus.get(i % cpus.size()), -1, "threading.cpu-affinity");
      workers.add(new WorkerSpec("W#" + (i + 1), List.copyOf(modules), 0, cpu));
    }
    return new ThreadLayout(mode, workers, RouterKind.FLOW_HASH, mode == RunMode.AUTOFP, queueSize);
  }

  private static ThreadLayout custom(VigilConfig config, int queueSize) {
    Object list = config.get("threading.workers");
    if (!(list instanceof List<?> l) || l.isEmpty()) {
      throw new ConfigException(
          "threading.workers: the custom run mode needs a list of worker threads");
    }
    List<String> routerNames = strings(config.get("threading.router"), "threading.router");
    RouterKind router = null;
    boolean alerted = false;
    for (String routerName : routerNames) {
      RouterKind k =
          switch (routerName) {
            case "flow-hash" -> RouterKind.FLOW_HASH;
            case "ip-version" -> RouterKind.IP_VERSION;
            case "round-robin" -> RouterKind.ROUND_ROBIN;
            case "alerted" -> null;
            default ->
                throw new ConfigException(
                    "threading.router: unknown router '"
                        + routerName
                        + "' (flow-hash, ip-version, round-robin, alerted)");
          };
      if (k == null) {
        alerted = true;
      } else if (router != null) {
        throw new ConfigException(
            "threading.router: one router to the workers, found " + routerNames);
      } else {
        router = k;
      }
    }
    if (router == null) {
      router = RouterKind.FLOW_HASH;
    }
    String output = config.getString("threading.output", "thread");
    if (!output.equals("thread") && !output.equals("reader")) {
      throw new ConfigException(
          "threading.output: expected thread or reader, found '" + output + "'");
    }
    List<WorkerSpec> workers = new ArrayList<>();
    boolean v4 = false;
    boolean v6 = false;
    for (int i = 0; i < l.size(); i++) {
      String key = "threading.workers[" + i + "]";
      if (!(l.get(i) instanceof Map<?, ?> m)) {
        throw new ConfigException(key + ": expected a map (name, modules, ip-version, cpu)");
      }
      String name = m.get("name") == null ? "W#" + (i + 1) : String.valueOf(m.get("name"));
      List<String> modules =
          m.get("modules") == null
              ? List.of("flow", "detect")
              : strings(m.get("modules"), key + ".modules");
      int ipv = intValue(m.get("ip-version"), 0, key + ".ip-version");
      if (ipv != 0 && ipv != 4 && ipv != 6) {
        throw new ConfigException(key + ".ip-version: expected 4 or 6, found " + ipv);
      }
      v4 |= ipv != 6;
      v6 |= ipv != 4;
      int detect = modules.indexOf("detect");
      if (detect >= 0 && !modules.subList(0, detect).contains("flow")) {
        throw new ConfigException(key + ".modules: detect needs flow before it");
      }
      if (router == RouterKind.ROUND_ROBIN
          && (modules.contains("flow") || modules.contains("detect"))) {
        throw new ConfigException(
            key
                + ".modules: the round-robin router splits flows, so it takes only "
                + "stateless modules (not flow or detect)");
      }
      workers.add(
          new WorkerSpec(
              name,
              List.copyOf(modules),
              router == RouterKind.IP_VERSION ? ipv : 0,
              intValue(m.get("cpu"), -1, key + ".cpu")));
    }
    if (router == RouterKind.IP_VERSION && (!v4 || !v6)) {
      throw new ConfigException(
          "threading.workers: the ip-version router needs a worker for IPv4 and one for IPv6");
    }
    return new ThreadLayout(
        RunMode.CUSTOM, List.copyOf(workers), router, output.equals("thread"), queueSize, alerted);
  }

  private static List<String> strings(Object v, String key) {
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        out.add(String.valueOf(o).trim());
      }
    } else {
      String s = String.valueOf(v).trim();
      if (s.startsWith("[") && s.endsWith("]")) {
        s = s.substring(1, s.length() - 1);
      }
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static int intValue(Object v, int def, String key) {
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": expected a number, found '" + v + "'");
    }
  }

  /** A router over this layout's worker threads, of the kind {@link #router()} names. */
  org.vigil.thread.queue.Router newRouter() {
    int n = workers().size();
    return switch (router()) {
      case FLOW_HASH -> new org.vigil.thread.queue.Router.FlowHash(n);
      case ROUND_ROBIN -> new org.vigil.thread.queue.Router.RoundRobin(n);
      case IP_VERSION -> {
        java.util.List<Integer> v4 = new java.util.ArrayList<>();
        java.util.List<Integer> v6 = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
          int v = workers().get(i).ipVersion();
          if (v != 6) {
            v4.add(i);
          }
          if (v != 4) {
            v6.add(i);
          }
        }
        yield new org.vigil.thread.queue.Router.IpVersion(
            v4.stream().mapToInt(Integer::intValue).toArray(),
            v6.stream().mapToInt(Integer::intValue).toArray());
      }
    };
  }
}
