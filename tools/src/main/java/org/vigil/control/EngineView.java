package org.vigil.control;

import java.util.List;
import java.util.Map;
import org.vigil.engine.Run;
import org.vigil.outputs.Outputs;

/**
 * What the socket's commands see of the running engine: its modes and interfaces from the start,
 * the run and its outputs once they exist ({@link #attach}), and how to shut it down.
 */
public final class EngineView {
  private final long startedMillis = System.currentTimeMillis();
  private final String version;
  private final String captureMode;
  private final List<String> ifaces;
  private final Runnable onShutdown;
  private volatile String runningMode;
  private volatile Run run;
  private volatile Outputs outputs;
  private volatile boolean stopRequested;
  private volatile Map<String, ?> last = Map.of();

  /**
   * An engine of Vigil {@code version} capturing as {@code captureMode} (Suricata's names: {@code
   * PCAP_FILE}, {@code AF_PACKET_DEV}, {@code NFQ}, {@code UNIX_SOCKET}) on {@code ifaces} in the
   * thread layout {@code runningMode}; {@code onShutdown} also runs on {@code shutdown}.
   */
  public EngineView(
      String version,
      String captureMode,
      String runningMode,
      List<String> ifaces,
      Runnable onShutdown) {
    this.version = version;
    this.captureMode = captureMode;
    this.runningMode = runningMode;
    this.ifaces = List.copyOf(ifaces);
    this.onShutdown = onShutdown;
  }

  /** The run now going on and its outputs (stopped at once if a shutdown came first). */
  public void attach(Run r, Outputs o) {
    this.outputs = o;
    this.run = r;
    if (stopRequested) {
      r.stop();
    }
  }

  /** The run ended: its final counters stand until the next run is attached. */
  public void detach() {
    Outputs o = outputs;
    if (o != null) {
      try {
        last = o.currentStats(0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    this.run = null;
    this.outputs = null;
  }

  /** True once {@code shutdown} was asked for. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** Ends the engine: the run stops as on SIGTERM. */
  public void shutdown() {
    stopRequested = true;
    Run r = run;
    if (r != null) {
      r.stop();
    }
    onShutdown.run();
  }

  String version() {
    return version;
  }

  String captureMode() {
    return captureMode;
  }

  String runningMode() {
    return runningMode;
  }

  List<String> ifaces() {
    return ifaces;
  }

  /** Seconds since the engine started. */
  long uptimeSeconds() {
    return (System.currentTimeMillis() - startedMillis) / 1000;
  }

  /**
   * The run's counters as stats.json would write them now (taken on the packet thread between two
   * packets, waiting up to a second; else the last ones written); between runs those of the last
   * run, empty before the first.
   */
  Map<String, ?> counters() throws InterruptedException {
    Outputs o = outputs;
    return o == null ? last : o.currentStats(1000);
  }
}
