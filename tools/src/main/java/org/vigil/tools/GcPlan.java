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
   * bounded young generation and the heap given back above 20% free at full collections. The heap
   * starts at {@link #INITIAL_MIB} per allocating thread: the collector never shrinks the young
   * generation below a third of the initial heap, so this is also the young generation's floor, and
   * a run whose collections keep up with less (a flood's) keeps less of it resident; the first full
   * collection for metaspace at 12 MiB of class metadata instead of the JVM's 21 MiB: the rules'
   * classes and the JIT's profiles cross it early in a run, and that collection is the one that
   * clears the old generation of what the warm-up promoted before it grows around it (the parallel
   * collector otherwise expands the old generation rather than collect it, and does not shrink it
   * at a metadata collection). The JIT's flags are {@link JitPlan}'s. A collector in {@code
   * VIGIL_JAVA_OPTS} replaces all of these.
   */
  static final List<String> PARALLEL_FLAGS =
      List.of(
          "-XX:+UseParallelGC",
          "-Xms16m",
          "-XX:MaxNewSize=24m",
          "-XX:GCTimeRatio=9",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=20",
          "-XX:MetaspaceSize=12m");

  /** The initial heap per thread that allocates at the same time, in MiB. */
  static final int INITIAL_MIB = 16;

  /** The young generation's bound per thread that allocates at the same time, in MiB. */
  static final int YOUNG_MIB = 24;

  /** Threads the young generation grows for at most (96 MiB). */
  static final int MAX_YOUNG_SHARES = 4;

  /** The plan for a run reading from {@code source} with one thread allocating at a time. */
  static GcPlan forRun(Source source) {
    return forRun(source, 1);
  }

  /**
   * The plan for a run reading from {@code source} with {@code allocators} threads allocating at
   * the same time: capture files wait for no pause, so only the total work counts and they get the
   * parallel collector whatever their threads, with {@link #YOUNG_MIB} of young generation per
   * allocating thread (up to {@link #MAX_YOUNG_SHARES}): the workers of {@code workers} over
   * captures fill one young generation together (and start with {@link #INITIAL_MIB} of heap each),
   * so with one share each worker's objects would get half the allocation the single mode's get to
   * die in, and the run, allocating as fast as its workers together, would stop all of them for a
   * collection as many times as the single mode in a shorter time; live and inline runs get G1,
   * whose old generation is collected concurrently instead of in a full collection that stops every
   * thread.
   */
  static GcPlan forRun(Source source, int allocators) {
    return switch (source) {
      case CAPTURE -> new GcPlan(Collector.PARALLEL, parallelFlags(allocators));
      case LIVE, INLINE -> new GcPlan(Collector.G1, G1_FLAGS);
    };
  }

  private static List<String> parallelFlags(int allocators) {
    int shares = Math.clamp(allocators, 1, MAX_YOUNG_SHARES);
    if (shares == 1) {
      return PARALLEL_FLAGS;
    }
    return PARALLEL_FLAGS.stream()
        .map(
            f ->
                f.startsWith("-XX:MaxNewSize=")
                    ? "-XX:MaxNewSize=" + YOUNG_MIB * shares + "m"
                    : f.startsWith("-Xms") ? "-Xms" + INITIAL_MIB * shares + "m" : f)
        .toList();
  }

  /** The flags as the launcher adds them, separated by spaces. */
  String line() {
    return String.join(" ", flags);
  }
}
