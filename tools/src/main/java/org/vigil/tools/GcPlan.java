package org.vigil.tools;

import java.util.List;

/**
 * The garbage collector and its sizing the launcher gives a {@code vigil run}, by where its packets
 * come from.
 */
record GcPlan(Collector collector, List<String> flags) {

  /** Where a run's packets come from. */
  enum Source {
    /** Capture files ({@code -r}): no packet waits for a pause, only the total work counts. */
    CAPTURE,
    /** A live interface ({@code -i}): a pause must not overflow the capture ring. */
    LIVE,
    /** NFQUEUE ({@code -q}): a pause holds the kernel's queued packets back. */
    INLINE
  }

  /** The collectors the launcher chooses from. */
  enum Collector {
    G1,
    PARALLEL
  }

  /**
   * G1 kept near the live set: concurrent marking at 40% of the heap, the heap grown only when GC
   * takes more than a tenth of the time and by 5% of what {@code -Xmx} leaves (steps of ~30 MiB),
   * given back above 20% free; and the C heap trimmed every 2 s ({@code malloc_trim}), so that what
   * the JIT compilers' arenas free between compilations is given back during a long run.
   */
  static final List<String> G1_FLAGS =
      List.of(
          "-XX:+UseG1GC",
          "-Xms32m",
          "-XX:GCTimeRatio=9",
          "-XX:+UnlockExperimentalVMOptions",
          "-XX:G1ExpandByPercentOfAvailable=5",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=20",
          "-XX:-G1UseAdaptiveIHOP",
          "-XX:InitiatingHeapOccupancyPercent=40",
          "-XX:TrimNativeHeapInterval=2000");

  /**
   * The parallel collector (one GC thread per CPU the process may use, the JVM's default) with a
   * bounded young generation and the heap given back above 20% free at full collections; the first
   * full collection for metaspace at 12 MiB of class metadata instead of the JVM's 21 MiB: the
   * rules' classes and the JIT's profiles cross it early in a run, and that collection is the one
   * that clears the old generation of what the warm-up promoted before it grows around it (the
   * parallel collector otherwise expands the old generation rather than collect it, and does not
   * shrink it at a metadata collection). The JIT's flags are {@link JitPlan}'s. A collector in
   * {@code VIGIL_JAVA_OPTS} replaces all of these.
   */
  static final List<String> PARALLEL_FLAGS =
      List.of(
          "-XX:+UseParallelGC",
          "-Xms32m",
          "-XX:MaxNewSize=24m",
          "-XX:GCTimeRatio=9",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=20",
          "-XX:MetaspaceSize=12m");

  /**
   * The plan for a run reading from {@code source}: capture files wait for no pause, so only the
   * total work counts and they get the parallel collector whatever their threads; live and inline
   * runs get G1, whose old generation is collected concurrently instead of in a full collection
   * that stops every thread.
   */
  static GcPlan forRun(Source source) {
    return switch (source) {
      case CAPTURE -> new GcPlan(Collector.PARALLEL, PARALLEL_FLAGS);
      case LIVE, INLINE -> new GcPlan(Collector.G1, G1_FLAGS);
    };
  }

  /** The flags as the launcher adds them, separated by spaces. */
  String line() {
    return String.join(" ", flags);
  }
}
