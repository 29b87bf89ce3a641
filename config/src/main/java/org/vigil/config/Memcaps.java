package org.vigil.config;

/**
 * The memory caps of a run, under Suricata's keys and with Suricata 7's built-in defaults, and the
 * JVM sizes the launcher derives from them.
 *
 * @param flowMemcap {@code flow.memcap}: bytes of flow records (32mb, Suricata's built-in default;
 *     its shipped suricata.yaml sets 128mb)
 * @param flowHashSize {@code flow.hash-size}: buckets of the flow hash (65536)
 * @param flowPrealloc {@code flow.prealloc}: flow records kept ready (10000)
 * @param flowEmergencyRecovery {@code flow.emergency-recovery}: percent of the flow memcap that
 *     must be free again before emergency mode ends (30)
 * @param streamMemcap {@code stream.memcap}: bytes of TCP session state (64mb)
 * @param reassemblyMemcap {@code stream.reassembly.memcap}: bytes of stored stream data (256mb)
 * @param defragMemcap {@code defrag.memcap}: bytes of fragments and their trackers (32mb)
 * @param defragTrackers {@code defrag.trackers}: datagrams reassembled at once (65535)
 * @param defragMaxFrags {@code defrag.max-frags}: fragments held at once (65535)
 * @param defragTimeout {@code defrag.timeout}: seconds a datagram waits for its fragments (60)
 * @param httpMemcap {@code app-layer.protocols.http.memcap}: bytes of HTTP parser state (64mb;
 *     Suricata's is unlimited, Vigil bounds it so the heap can be sized; 0 = unlimited)
 * @param maxMemory {@code max-memory}: when above 0, the JVM heap in bytes, whatever the memcaps
 * @param portscanMemcap {@code portscan.memcap} when {@code portscan.enabled} (10,000,000 bytes of
 *     scan trackers), else 0
 * @param tlsMemcap {@code app-layer.protocols.tls.memcap}: bytes of TLS handshake messages buffered
 *     while they arrive (32mb; Vigil's key, Suricata bounds them by the stream depth only)
 */
public record Memcaps(
    long flowMemcap,
    int flowHashSize,
    int flowPrealloc,
    int flowEmergencyRecovery,
    long streamMemcap,
    long reassemblyMemcap,
    long defragMemcap,
    int defragTrackers,
    int defragMaxFrags,
    int defragTimeout,
    long httpMemcap,
    long maxMemory,
    long portscanMemcap,
    long tlsMemcap) {
  private static final long MB = 1024L * 1024;

  /** {@code portscan.memcap}'s default (Snort's example configuration's). */
  public static final long DEFAULT_PORTSCAN_MEMCAP = 10_000_000L;

  /**
   * Heap the launcher gives above the memcaps: the JVM's own objects, the compiled ruleset, packet
   * pools, detection state and output buffers (not capped by any memcap).
   */
  public static final long HEAP_HEADROOM = 192 * MB;

  /**
   * Direct memory ({@code ByteBuffer.allocateDirect}, the JDK's temporary buffers for channel I/O)
   * the launcher allows. Nothing a memcap bounds is direct memory: stream data held behind holes
   * lives in {@code malloc}'d pages under {@code stream.reassembly.memcap}, the capture window and
   * packet rings in memory segments, the alert log in Chronicle's mapped files.
   */
  public static final long DIRECT_MEMORY = 64 * MB;

  /** The heap never gets less than this, whatever {@code max-memory} says. */
  public static final long MIN_HEAP = 128 * MB;

  /** Reads and checks the memory keys of {@code c}; a bad value is a {@link ConfigException}. */
  public static Memcaps from(VigilConfig c) {
    return new Memcaps(
        size(c, "flow.memcap", 32 * MB),
        count(c, "flow.hash-size", 65536, 1, 1 << 26),
        count(c, "flow.prealloc", 10000, 0, Integer.MAX_VALUE),
        count(c, "flow.emergency-recovery", 30, 1, 100),
        size(c, "stream.memcap", 64 * MB),
        size(c, "stream.reassembly.memcap", 256 * MB),
        size(c, "defrag.memcap", 32 * MB),
        count(c, "defrag.trackers", 65535, 1, Integer.MAX_VALUE),
        count(c, "defrag.max-frags", 65535, 1, Integer.MAX_VALUE),
        count(c, "defrag.timeout", 60, 1, Integer.MAX_VALUE),
        size(c, "app-layer.protocols.http.memcap", 64 * MB),
        size(c, "max-memory", 0),
        c.getBoolean("portscan.enabled", false)
            ? size(c, "portscan.memcap", DEFAULT_PORTSCAN_MEMCAP)
            : 0,
        size(c, "app-layer.protocols.tls.memcap", 32 * MB));
  }

  /**
   * The sum of the memcaps (an unlimited HTTP or TLS memcap counts as its default; portscan's when
   * it is enabled): what the capped stores can hold at most.
   */
  public long capped() {
    return flowMemcap
        + streamMemcap
        + reassemblyMemcap
        + defragMemcap
        + (httpMemcap > 0 ? httpMemcap : 64 * MB)
        + portscanMemcap
        + (tlsMemcap > 0 ? tlsMemcap : 32 * MB);
  }

  /**
   * The JVM heap ({@code -Xmx}) of a run that keeps {@code defragmenters} defragmenters, each under
   * the whole {@code defrag.memcap}: {@code max-memory} when set, else the memcaps with the
   * defragmentation budget once per defragmenter, plus {@link #HEAP_HEADROOM}; at least {@link
   * #MIN_HEAP}.
   */
  public long heapBytes(int defragmenters) {
    long h =
        maxMemory > 0
            ? maxMemory
            : capped() + (long) (defragmenters - 1) * defragMemcap + HEAP_HEADROOM;
    return Math.max(MIN_HEAP, h);
  }

  /**
   * Direct memory ({@code -XX:MaxDirectMemorySize}): {@link #DIRECT_MEMORY} whatever the memcaps,
   * which bound heap and {@code malloc}'d memory, not direct buffers.
   */
  public long directBytes() {
    return DIRECT_MEMORY;
  }

  /**
   * The JVM options the launcher adds for a run that keeps {@code defragmenters} defragmenters:
   * heap and direct memory limits.
   */
  public String jvmOptions(int defragmenters) {
    return "-Xmx"
        + (heapBytes(defragmenters) / MB)
        + "m -XX:MaxDirectMemorySize="
        + (directBytes() / MB)
        + "m";
  }

  private static long size(VigilConfig c, String key, long def) {
    return c.getSize(key, def);
  }

  private static int count(VigilConfig c, String key, int def, int min, int max) {
    Object v = c.get(key);
    if (v == null) {
      return def;
    }
    try {
      long n =
          v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).strip());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key + ": expected a whole number from " + min + " to " + max + ", found '" + v + "'");
    }
  }
}
