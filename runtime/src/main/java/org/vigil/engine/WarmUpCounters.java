package org.vigil.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a run's warm-up did, for its counters: the packets its throwaway chain saw and the CPU time
 * it took, written under {@code warm_up} in stats.json (none when the run did not warm up).
 */
final class WarmUpCounters {
  private long packets;
  private long cpuNanos = -1;
  private boolean ran;

  /**
   * Runs {@code sample} through a throwaway chain of {@code engine} (see {@link WarmUp}) and keeps
   * its counters; {@code notices} hears what was done.
   */
  void run(
      EngineAssembly engine,
      WarmUpSample sample,
      BooleanSupplier stopped,
      java.util.function.Consumer<String> notices) {
    if (sample instanceof WarmUpSample.None) {
      return;
    }
    long cpu0 = ThreadCpu.current();
    packets = WarmUp.run(engine, sample, stopped, notices);
    cpuNanos = cpu0 < 0 ? -1 : ThreadCpu.current() - cpu0;
    ran = packets > 0;
  }

  /** Puts {@code warm_up} ({@code packets}, {@code cpu_ms}) in {@code m} when the run warmed up. */
  void addTo(Map<String, Object> m) {
    if (!ran) {
      return;
    }
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("packets", packets);
    w.put("cpu_ms", cpuNanos < 0 ? -1L : cpuNanos / 1_000_000L);
    m.put("warm_up", w);
  }
}
