package org.vigil.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The CPU time the calling thread has used, for the per-thread counters of stats.json. */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /** Nanoseconds of CPU the current thread used so far, or -1 where the JVM cannot tell. */
  static long current() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }
}
