package org.vigil.acquire.afpacket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The capture settings of one interface, named as Suricata's {@code af-packet} entries: fanout
 * group ({@code cluster-id}, {@code cluster-type}, {@code defrag}), the TPACKET_V3 ring ({@code
 * ring-size} frames of 2048 bytes in blocks of {@code block-size} bytes, a block handed over after
 * {@code block-timeout} ms at the latest), the socket's {@code buffer-size}, {@code promisc}, a
 * {@code bpf-filter} and {@code checksum-checks}. {@code threads} 0 means the run's thread count.
 */
public record AfPacketOptions(
    String iface,
    int threads,
    int clusterId,
    ClusterType clusterType,
    boolean defrag,
    int ringSize,
    int blockSize,
    int blockTimeoutMillis,
    int bufferSize,
    boolean promisc,
    String bpfFilter,
    String checksumChecks) {

  /** The nominal frame slot of {@code ring-size} (a 1514-byte frame and the TPACKET_V3 header). */
  static final int FRAME_SIZE = 2048;

  /** The keys of an {@code af-packet} entry Vigil reads. */
  public static final Set<String> KEYS =
      Set.of(
          "interface",
          "threads",
          "cluster-id",
          "cluster-type",
          "defrag",
          "ring-size",
          "block-size",
          "block-timeout",
          "use-mmap",
          "tpacket-v3",
          "buffer-size",
          "checksum-checks",
          "bpf-filter",
          "promisc");

  public AfPacketOptions {
    if (iface == null || iface.isBlank()) {
      throw new IllegalArgumentException("af-packet: an entry without interface");
    }
    if (blockSize < 4096 || (blockSize & 4095) != 0) {
      throw new IllegalArgumentException(
          "af-packet " + iface + ": block-size must be a multiple of 4096, not " + blockSize);
    }
    if (ringSize < 1 || threads < 0 || clusterId < 0 || clusterId > 0xffff) {
      throw new IllegalArgumentException(
          "af-packet " + iface + ": ring-size >= 1, threads >= 0, cluster-id 0..65535");
    }
    if (!Set.of("auto", "yes", "no", "kernel").contains(checksumChecks)) {
      throw new IllegalArgumentException(
          "af-packet "
              + iface
              + ": checksum-checks: auto, yes, no or kernel, not "
              + checksumChecks);
    }
  }

  /**
   * The defaults for {@code iface}: 16384 frames (32 MiB) in 64 KiB blocks, flow hash cluster 99.
   * The kernel hands a block over after {@code block-timeout} however little it holds, so at low
   * rates each block carries few packets: 512 blocks ride out a 5 s pause of the worker at any
   * rate, where 32 blocks of 1 MiB would ride out 320 ms.
   */
  public static AfPacketOptions defaults(String iface) {
    return new AfPacketOptions(
        iface, 0, 99, ClusterType.CLUSTER_FLOW, true, 16384, 1 << 16, 10, 0, true, null, "auto");
  }

  /** The same with {@code filter} as the BPF expression. */
  public AfPacketOptions withFilter(String filter) {
    return new AfPacketOptions(
        iface,
        threads,
        clusterId,
        clusterType,
        defrag,
        ringSize,
        blockSize,
        blockTimeoutMillis,
        bufferSize,
        promisc,
        filter,
        checksumChecks);
  }

  /** The same in fanout group {@code id} spreading packets by {@code type}. */
  public AfPacketOptions withCluster(int id, ClusterType type) {
    return new AfPacketOptions(
        iface,
        threads,
        id,
        type,
        defrag,
        ringSize,
        blockSize,
        blockTimeoutMillis,
        bufferSize,
        promisc,
        bpfFilter,
        checksumChecks);
  }

  /** The same options for interface {@code name}. */
  public AfPacketOptions withIface(String name) {
    return new AfPacketOptions(
        name,
        threads,
        clusterId,
        clusterType,
        defrag,
        ringSize,
        blockSize,
        blockTimeoutMillis,
        bufferSize,
        promisc,
        bpfFilter,
        checksumChecks);
  }

  /** Blocks in the ring: enough for {@code ring-size} frames, at least 8. */
  public int blockCount() {
    long bytes = (long) ringSize * FRAME_SIZE;
    return (int) Math.max(8, (bytes + blockSize - 1) / blockSize);
  }

  /**
   * The options of {@code iface} from the {@code af-packet} list of vigil.yaml ({@code section},
   * may be null): its own entry over the {@code interface: default} entry over the built-in
   * defaults.
   */
  public static AfPacketOptions from(Object section, String iface) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, Object> own = null;
    for (Map<String, Object> e : entries(section)) {
      String name = String.valueOf(e.get("interface"));
      if (name.equals("default")) {
        merged.putAll(e);
      } else if (name.equals(iface)) {
        own = e;
      }
    }
    if (own != null) {
      merged.putAll(own);
    }
    AfPacketOptions d = defaults(iface);
    if (!bool(merged, "use-mmap", true) || !bool(merged, "tpacket-v3", true)) {
      throw new IllegalArgumentException(
          "af-packet " + iface + ": Vigil captures with the TPACKET_V3 ring only (use-mmap: yes)");
    }
    try {
      return new AfPacketOptions(
          iface,
          (int) number(merged, "threads", d.threads),
          (int) number(merged, "cluster-id", d.clusterId),
          merged.containsKey("cluster-type")
              ? ClusterType.parse(String.valueOf(merged.get("cluster-type")))
              : d.clusterType,
          bool(merged, "defrag", d.defrag),
          (int) number(merged, "ring-size", d.ringSize),
          (int) number(merged, "block-size", d.blockSize),
          (int) number(merged, "block-timeout", d.blockTimeoutMillis),
          (int) number(merged, "buffer-size", d.bufferSize),
          bool(merged, "promisc", d.promisc),
          merged.get("bpf-filter") == null ? null : String.valueOf(merged.get("bpf-filter")),
          String.valueOf(merged.getOrDefault("checksum-checks", d.checksumChecks))
              .toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage().startsWith("af-packet")
              ? e.getMessage()
              : "af-packet " + iface + ": " + e.getMessage(),
          e);
    }
  }

  /** The entries of the {@code af-packet} list, each checked for unknown keys. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> entries(Object section) {
    if (section == null) {
      return List.of();
    }
    if (!(section instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "af-packet: expected a list of entries (- interface: eth0), found " + section);
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !m.containsKey("interface")) {
        throw new IllegalArgumentException("af-packet: each entry needs an interface: " + o);
      }
      for (Object k : m.keySet()) {
        if (!KEYS.contains(String.valueOf(k))) {
          throw new IllegalArgumentException(
              "af-packet: unknown key '"
                  + k
                  + "' (Vigil reads "
                  + new java.util.TreeSet<>(KEYS)
                  + ")");
        }
      }
    }
    return (List<Map<String, Object>>) list;
  }

  private static long number(Map<String, Object> m, String key, long def) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    String s = String.valueOf(v).strip().toLowerCase(Locale.ROOT);
    if (key.equals("threads") && s.equals("auto")) {
      return 0;
    }
    long mult = 1;
    if (s.endsWith("kb") || s.endsWith("mb")) {
      mult = s.endsWith("kb") ? 1024 : 1024 * 1024;
      s = s.substring(0, s.length() - 2).strip();
    }
    try {
      return Long.parseLong(s) * mult;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected a number, found '" + v + "'");
    }
  }

  private static boolean bool(Map<String, Object> m, String key, boolean def) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
      case "yes", "true", "on", "1" -> true;
      case "no", "false", "off", "0" -> false;
      default ->
          throw new IllegalArgumentException(key + ": expected yes or no, found '" + v + "'");
    };
  }
}
