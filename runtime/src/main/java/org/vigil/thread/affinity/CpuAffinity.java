package org.vigil.thread.affinity;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Pins the calling thread to one CPU through Linux {@code sched_setaffinity} (JNA); elsewhere it
 * says no.
 */
public final class CpuAffinity {
  private CpuAffinity() {}

  private interface LibC extends Library {
    int sched_setaffinity(int pid, int cpusetsize, long[] mask);
  }

  private static final class Holder {
    static final LibC LIBC = Platform.isLinux() ? Native.load("c", LibC.class) : null;
  }

  /**
   * Pins the calling thread to {@code cpu}; returns null on success, else why it could not (not
   * Linux, no such CPU, the call failed).
   */
  public static String pin(int cpu) {
    if (!Platform.isLinux()) {
      return "CPU affinity needs Linux";
    }
    if (cpu < 0 || cpu >= 1024) {
      return "no CPU " + cpu;
    }
    long[] mask = new long[16];
    mask[cpu >>> 6] = 1L << (cpu & 63);
    try {
      int r = Holder.LIBC.sched_setaffinity(0, mask.length * 8, mask);
      return r == 0
          ? null
          : "sched_setaffinity(" + cpu + ") failed (errno " + Native.getLastError() + ")";
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return "sched_setaffinity unavailable: " + e.getMessage();
    }
  }
}
