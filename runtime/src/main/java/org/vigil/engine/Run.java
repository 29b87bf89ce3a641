package org.vigil.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.vigil.decode.PathStats;

/**
 * One run of the engine, made by {@link EngineAssembly}: its chain of thread modules on the calling
 * thread ({@code single}, inline) or on worker threads fed by a reader ({@code workers}, {@code
 * autofp}, custom layouts). The counters are those of stats.json; the accessors are for the run's
 * summary line.
 */
public sealed interface Run permits ChainRun, WorkerPoolRun, WorkersCaptureRun, QueueRun, LiveRun {
  /**
   * Takes every packet of {@code source} through the run, until the source ends or {@link #stop()};
   * returns the final counters (also written to the stats output).
   *
   * @throws org.vigil.acquire.nfq.NfqException when a queue cannot be bound
   * @throws IllegalArgumentException when the run mode cannot read {@code source}
   */
  Map<String, Object> run(PacketSource source) throws IOException;

  /**
   * Asks the run to end (any thread, e.g. a signal handler); a queue's verdict loop returns within
   * 200 ms.
   */
  void stop();

  /**
   * Prints a progress line (packets, rate, share of the captures read) to {@code err} on long runs.
   */
  default void showProgress(PrintStream err) {}

  /** Alerts written (after the run, for the multi-threaded modes). */
  long alerts();

  /** Packets that went through the run (captured, reassembled and tunnel inner). */
  long packets();

  /** Packets whose processing failed on an internal error (counted and passed over). */
  long engineErrors();

  /** The first internal errors met, with the packet each was met on. */
  List<String> errorMessages();

  /** The packet path's counters (after the run, for the multi-threaded modes). */
  PathStats pathStats();

  /**
   * Inline: packets dropped by rule actions (drop, sdrop), not counting later packets of dropped
   * flows.
   */
  default long drops() {
    return 0;
  }

  /** Inline: packets rejected by rule actions. */
  default long rejects() {
    return 0;
  }
}
