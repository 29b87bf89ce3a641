package org.vigil.output.log;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.EveTypes;
import org.vigil.output.OutputConfigException;

/**
 * How the durable alert log rolls and what it keeps. Chronicle rolls files by time, so the roll
 * cycle is a period; the size cap is enforced by retention (oldest cycle files are deleted first).
 *
 * @param rollCycle when a new cycle file starts: five-minutely, hourly, daily (default) or weekly
 * @param maxCycles keep at most this many cycle files, the current one included (0 = keep all)
 * @param maxBytes keep the cycle files' total size under this (0 = no cap); the current file is
 *     never deleted
 * @param sync {@code none} (default: an append is in the page cache when it returns, so it survives
 *     a crash of the process, not of the machine), {@code async} or {@code sync} (msync each
 *     append: survives power loss, slower)
 * @param types the EVE record types the log holds ({@code types}, as eve-log's list): alerts
 *     always, the others (flow, http, dns, …, stats) when listed, for a shipper to ship
 */
public record AlertLogConfig(
    Cycle rollCycle, int maxCycles, long maxBytes, SyncMode sync, EveTypes types) {

  /** The roll periods offered. */
  public enum Cycle {
    /** One file per five minutes (very busy sensors). */
    FIVE_MINUTELY(RollCycles.FIVE_MINUTELY),
    /** One file per hour. */
    HOURLY(RollCycles.FAST_HOURLY),
    /** One file per day (UTC). */
    DAILY(RollCycles.FAST_DAILY),
    /** One file per week. */
    WEEKLY(RollCycles.WEEKLY);

    final RollCycle chronicle;

    Cycle(RollCycle chronicle) {
      this.chronicle = chronicle;
    }
  }

  /** What the log holds when no {@code types} is set: alerts. */
  public static final EveTypes ALERTS = EveTypes.of(EnumSet.of(EveJsonWriter.Type.ALERT));

  /** Daily files, kept for 30 days, no size cap, no msync, alerts only. */
  public static final AlertLogConfig DEFAULT =
      new AlertLogConfig(Cycle.DAILY, 30, 0, SyncMode.NONE, ALERTS);

  /** Checks the bounds. */
  public AlertLogConfig {
    if (rollCycle == null || sync == null || types == null) {
      throw new IllegalArgumentException("rollCycle, sync and types are required");
    }
    if (maxCycles < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("retention limits must be >= 0");
    }
  }

  /** True when the log holds records beyond alerts. */
  public boolean logsRecords() {
    return !types.appTypes().isEmpty()
        || types.allAppTypes()
        || !EnumSet.of(EveJsonWriter.Type.ALERT).containsAll(types.kinds());
  }

  /** This config holding the records of {@code more} too. */
  public AlertLogConfig withTypes(EveTypes more) {
    EnumSet<EveJsonWriter.Type> kinds = EnumSet.of(EveJsonWriter.Type.ALERT);
    kinds.addAll(types.kinds());
    kinds.addAll(more.kinds());
    Set<String> app = new LinkedHashSet<>(types.appTypes());
    app.addAll(more.appTypes());
    Map<String, Map<String, Object>> options = new LinkedHashMap<>(more.options());
    options.putAll(types.options());
    return new AlertLogConfig(
        rollCycle,
        maxCycles,
        maxBytes,
        sync,
        new EveTypes(kinds, app, types.allAppTypes() || more.allAppTypes(), options));
  }

  /**
   * This config with a size cap of at most {@code budget} bytes (0: unchanged); the smaller cap
   * wins.
   */
  public AlertLogConfig withBudget(long budget) {
    long cap = budget == 0 ? maxBytes : maxBytes == 0 ? budget : Math.min(maxBytes, budget);
    return new AlertLogConfig(rollCycle, maxCycles, cap, sync, types);
  }

  /**
   * Reads an {@code outputs.alert-log} section: {@code roll-cycle}, {@code retention.max-files},
   * {@code retention.max-size} (bytes, or with k/m/g suffix), {@code sync}, {@code types}.
   */
  public static AlertLogConfig fromMap(Map<String, ?> m, String prefix) {
    if (m == null) {
      return DEFAULT;
    }
    for (String k : m.keySet()) {
      if (!k.equals("roll-cycle")
          && !k.equals("retention")
          && !k.equals("sync")
          && !k.equals("types")
          && !k.equals("enabled")) {
        throw new OutputConfigException(
            prefix + "." + k, "unknown setting (roll-cycle, retention, sync, types)");
      }
    }
    Cycle cycle = DEFAULT.rollCycle;
    Object rc = m.get("roll-cycle");
    if (rc != null) {
      try {
        cycle = Cycle.valueOf(rc.toString().trim().replace('-', '_').toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new OutputConfigException(
            prefix + ".roll-cycle",
            "expected five-minutely, hourly, daily or weekly, got '" + rc + "'");
      }
    }
    int maxCycles = DEFAULT.maxCycles;
    long maxBytes = DEFAULT.maxBytes;
    Object ret = m.get("retention");
    if (ret != null) {
      if (!(ret instanceof Map<?, ?> r)) {
        throw new OutputConfigException(
            prefix + ".retention", "expected a section with max-files and/or max-size");
      }
      for (Map.Entry<?, ?> e : r.entrySet()) {
        String key = prefix + ".retention." + e.getKey();
        switch (String.valueOf(e.getKey())) {
          case "max-files" -> maxCycles = (int) number(e.getValue(), key);
          case "max-size" -> maxBytes = size(e.getValue(), key);
          default -> throw new OutputConfigException(key, "unknown setting (max-files, max-size)");
        }
      }
    }
    SyncMode sync = SyncMode.NONE;
    Object s = m.get("sync");
    if (s != null) {
      sync =
          switch (s.toString().trim().toLowerCase(Locale.ROOT)) {
            case "none", "no", "false" -> SyncMode.NONE;
            case "async" -> SyncMode.ASYNC;
            case "sync", "yes", "true" -> SyncMode.SYNC;
            default ->
                throw new OutputConfigException(
                    prefix + ".sync", "expected none, async or sync, got '" + s + "'");
          };
    }
    EveTypes types =
        m.get("types") == null ? ALERTS : EveTypes.parse(m.get("types"), prefix + ".types");
    return new AlertLogConfig(cycle, maxCycles, maxBytes, sync, ALERTS).withTypes(types);
  }

  private static long number(Object v, String key) {
    try {
      long n = Long.parseLong(v.toString().trim());
      if (n < 0) {
        throw new OutputConfigException(key, "must be >= 0, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new OutputConfigException(key, "expected a number, got '" + v + "'");
    }
  }

  /** Parses a size: a number of bytes, optionally with a k, m or g suffix (powers of 1024). */
  public static long size(Object v, String key) {
    String t = v.toString().trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    long mult = 1;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k' -> mult = 1L << 10;
        case 'm' -> mult = 1L << 20;
        case 'g' -> mult = 1L << 30;
        default -> {}
      }
    }
    if (mult != 1) {
      t = t.substring(0, t.length() - 1).trim();
    }
    return number(t, key) * mult;
  }
}
