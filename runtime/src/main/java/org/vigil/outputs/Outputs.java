package org.vigil.outputs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.vigil.output.AlertEvent;
import org.vigil.output.AnomalyEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.EventSink;
import org.vigil.output.FileEvent;
import org.vigil.output.FlowEvent;
import org.vigil.output.OutputConfigException;
import org.vigil.output.OutputEvent;
import org.vigil.output.PcapFrame;
import org.vigil.output.PcapLog;
import org.vigil.output.log.AlertFileSync;
import org.vigil.output.log.AlertLog;
import org.vigil.output.pipe.OutputPipe;
import org.vigil.output.stats.StatsWriter;

/**
 * Everything a run writes to its log directory, behind one object the run loop calls: the durable
 * alert log (written first: the source of truth), the enabled output plugins (eve.json, fast.log,
 * others found with {@link ServiceLoader}), the stats files and the output pipes. Crash-consistent:
 * the main set brings eve.json and fast.log up to the alert log when it opens them ({@link
 * AlertFileSync}: alerts a killed run logged but did not write out are written once), and its files
 * are flushed at least every second and at JVM shutdown ({@link FlushTimer}). One run loop (or
 * output thread) writes; the timer's flushes are serialized with its writes.
 */
public final class Outputs implements Closeable {
  private final AlertLog alertLog;
  private final List<EventSink> sinks;
  private final StatsWriter stats;
  private final List<OutputPipe> pipes;
  private final List<EventSink> statsSinks;
  private final PcapLog pcapLog;
  private final List<AlertFileSync> synced;
  private final FlushTimer timer;
  private long lastAlertIndex;
  private boolean closed;
  private IOException flushFailure;
  private long alerts;

  /** Per event type, in first-seen order: a counter each, bumped in place (no boxing). */
  private final Map<String, long[]> transactions = new LinkedHashMap<>();

  private long flowEvents;
  private long dropEvents;
  private final Map<String, long[]> records = new LinkedHashMap<>();

  /** The counters last taken for stats (or for {@link #currentStats}), null before any. */
  private Map<String, ?> lastStats;

  /** A {@link #currentStats} caller waits for the next tick to take the counters. */
  private boolean statsWanted;

  /**
   * Outputs writing alerts to {@code alertLog} then to {@code sinks}, stats to {@code statsSinks},
   * fields to {@code pipes}, packets to {@code pcapLog} (null: off); {@code synced} mark how far
   * the alert files hold the log; {@code name} names the flush timer's thread.
   */
  Outputs(
      AlertLog alertLog,
      List<EventSink> sinks,
      List<EventSink> statsSinks,
      StatsWriter stats,
      List<OutputPipe> pipes,
      PcapLog pcapLog,
      List<AlertFileSync> synced,
      String name) {
    this.alertLog = alertLog;
    this.synced = synced;
    this.lastAlertIndex = alertLog.lastIndex();
    this.pcapLog = pcapLog;
    this.sinks = sinks;
    this.statsSinks = statsSinks;
    this.stats = stats;
    this.pipes = pipes;
    this.timer = FlushTimer.start(this::timedFlush, name);
  }

  /**
   * Opens the outputs of {@code logDir} (created if needed) with plugins from this class's loader.
   */
  public static Outputs open(Path logDir, OutputConfig config) throws IOException {
    return open(logDir, config, null, Outputs.class.getClassLoader());
  }

  /**
   * Opens one output thread's own set of outputs: the alert log is shared (Chronicle lets several
   * appenders write one queue), while eve.json, fast.log and plugin files get {@code .<thread>} in
   * their names ({@code eve.w1.json}) so lines never interleave. Stats and pipes belong to the
   * run's main set (the one opened with {@link #open(Path, OutputConfig)}), not to these.
   */
  public static Outputs openForThread(Path logDir, OutputConfig config, String thread)
      throws IOException {
    if (thread == null || thread.isBlank() || thread.contains("/")) {
      throw new IllegalArgumentException(
          "a thread name for file names is required, got '" + thread + "'");
    }
    OutputConfig own =
        new OutputConfig(config.alertLog(), config.plugins(), null, 0, java.util.List.of());
    return open(logDir, own, thread, Outputs.class.getClassLoader());
  }

  /**
   * Opens the outputs of {@code logDir}, finding plugins with {@code loader}; {@code thread} is
   * null for the run's main set, or the name that per-thread files carry.
   *
   * @throws OutputConfigException when a configured output is unknown or badly set
   */
  public static Outputs open(Path logDir, OutputConfig config, String thread, ClassLoader loader)
      throws IOException {
    return OutputAssembly.open(logDir, config, thread, loader);
  }

  /**
   * Logs an alert: appended to the durable alert log first (returns its index there), then to
   * eve.json, fast.log and the plugins.
   */
  public synchronized long alert(AlertEvent alert) throws IOException {
    AlertEvent fitted = alertLog.fit(alert);
    long index = alertLog.append(fitted);
    alerts++;
    toSinks(fitted);
    lastAlertIndex = index;
    return index;
  }

  /**
   * True when an EVE output logs alerts' payload, frame or HTTP bodies (alerts must carry them).
   */
  public boolean wantsAlertBytes() {
    return alertBytesAsked() != null;
  }

  /**
   * The alert options asking for alerts' payload, frame or HTTP bodies, of every EVE output and of
   * the durable log's types (which a shipper renders); null when none asks (alerts need not carry
   * them).
   */
  public org.vigil.output.EveOptions alertBytesAsked() {
    org.vigil.output.EveOptions asked =
        org.vigil.output.EveOptions.of(alertLog.config().types(), "outputs.alert-log.types");
    for (EventSink s : sinks) {
      if (s instanceof EveJsonWriter w) {
        asked = asked.withAlertBytesOf(w.options());
      }
    }
    return asked.wantsAlertBytes() ? asked : null;
  }

  /** Which packets the pcap log takes, or null when it is off. */
  public PcapLog.Conditional pcapLog() {
    return pcapLog == null ? null : pcapLog.conditional();
  }

  /**
   * Writes a captured frame to the pcap log (if on); a packet already written is not written again.
   */
  public synchronized void packet(PcapFrame frame) throws IOException {
    if (pcapLog != null) {
      pcapLog.write(frame);
    }
  }

  /**
   * Writes the frame {@code data[0, length)} of record {@code pcapCnt} of {@code capture} to the
   * pcap log (if on), without a copy: for the thread that owns the packet.
   */
  public synchronized void packet(
      String capture,
      long pcapCnt,
      long timestampNanos,
      int linkType,
      int wireLength,
      byte[] data,
      int length)
      throws IOException {
    if (pcapLog != null) {
      pcapLog.write(capture, pcapCnt, timestampNanos, linkType, wireLength, data, length);
    }
  }

  /** Logs an app-layer transaction's record and feeds its fields to the pipes that stream them. */
  public synchronized void transaction(AppEvent event) throws IOException {
    count(transactions, event.eventType());
    toSinks(event);
    for (OutputPipe p : pipes) {
      String v = event.record().field(p.field());
      if (v != null) {
        p.offer(v);
      }
    }
  }

  /** Logs an end-of-flow record. */
  public synchronized void flow(FlowEvent event) throws IOException {
    flowEvents++;
    toSinks(event);
  }

  /** Logs a dropped packet. */
  public synchronized void drop(DropEvent event) throws IOException {
    dropEvents++;
    toSinks(event);
  }

  /** Logs any record by kind (alerts go through {@link #alert}). */
  public void write(OutputEvent event) throws IOException {
    switch (event) {
      case AlertEvent a -> alert(a);
      case AppEvent t -> transaction(t);
      case FlowEvent f -> flow(f);
      case DropEvent d -> drop(d);
      case AnomalyEvent a -> record(a);
      case FileEvent f -> record(f);
    }
  }

  /** Logs an anomaly or fileinfo record (counted by its event type). */
  public synchronized void record(OutputEvent event) throws IOException {
    count(records, event.eventType());
    toSinks(event);
  }

  /**
   * Streams a value captured under {@code field} (say, a pcre capture group a rule names) to the
   * pipes for that field; never blocks.
   */
  public void capture(String field, CharSequence value) {
    for (OutputPipe p : pipes) {
      if (p.field().equals(field)) {
        p.offer(value);
      }
    }
  }

  /**
   * Writes stats if the interval has passed at {@code nowNanos} ({@link System#nanoTime()}); {@code
   * counters} (the other stages' counter tree) is asked for only then.
   */
  public synchronized boolean statsTick(long nowNanos, Supplier<? extends Map<String, ?>> counters)
      throws IOException {
    if (statsWanted) {
      lastStats = withOwn(counters.get());
      statsWanted = false;
      notifyAll();
    }
    return stats.tick(nowNanos, () -> lastStats = withOwn(counters.get()));
  }

  /**
   * The run's counters as a stats record would hold them now: taken by the packet thread at its
   * next {@link #statsTick} (waited for up to {@code waitMillis}), else the last ones taken; empty
   * before any.
   */
  public synchronized Map<String, ?> currentStats(long waitMillis) throws InterruptedException {
    statsWanted = true;
    long end = System.nanoTime() + waitMillis * 1_000_000L;
    while (statsWanted) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        statsWanted = false;
        break;
      }
      wait(Math.max(1, left / 1_000_000L));
    }
    return lastStats == null ? Map.of() : lastStats;
  }

  /**
   * Writes the final stats record (the other stages' counters plus the outputs' own) and flushes
   * all.
   */
  public synchronized void finish(Map<String, ?> counters) throws IOException {
    lastStats = withOwn(counters);
    stats.writeFinal(System.nanoTime(), lastStats);
    flush();
  }

  private static void count(Map<String, long[]> counts, String type) {
    counts.computeIfAbsent(type, t -> new long[1])[0]++;
  }

  private static void putCounts(Map<String, Object> m, Map<String, long[]> counts) {
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      m.put(e.getKey(), e.getValue()[0]);
    }
  }

  /** The outputs' own counters, as they appear under "output" in stats. */
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alerts", alerts);
    putCounts(m, transactions);
    m.put("flows", flowEvents);
    m.put("drops", dropEvents);
    putCounts(m, records);
    m.put("alert_log_files_deleted", alertLog.filesDeleted());
    m.put("alert_log_records_deleted", alertLog.recordsDeleted());
    m.put("alert_log_records_truncated", alertLog.recordsTruncated());
    Map<String, Object> p = new LinkedHashMap<>();
    for (OutputPipe pipe : pipes) {
      p.put(
          pipe.field(),
          Map.of("offered", pipe.offered(), "written", pipe.written(), "dropped", pipe.dropped()));
    }
    if (!p.isEmpty()) {
      m.put("pipes", p);
    }
    if (pcapLog != null) {
      m.put("pcap_log", pcapLog.counters());
    }
    return m;
  }

  /** The output pipes, in config order. */
  public List<OutputPipe> pipes() {
    return pipes;
  }

  private Map<String, ?> withOwn(Map<String, ?> counters) {
    Map<String, Object> m = new LinkedHashMap<>(counters);
    m.put("output", counters());
    return m;
  }

  private void toSinks(OutputEvent e) throws IOException {
    for (EventSink s : sinks) {
      s.write(e);
    }
  }

  /**
   * Reopens every output file by its name (SIGHUP after logrotate moved them): what was written
   * stays in the moved files, what comes next goes to new ones.
   */
  public synchronized void reopen() throws IOException {
    for (EventSink s : statsSinks) {
      s.reopen();
    }
  }

  /**
   * Pushes buffered records of every file output and marks how far eve.json and fast.log hold the
   * alert log.
   */
  public synchronized void flush() throws IOException {
    if (closed) {
      return;
    }
    for (EventSink s : statsSinks) {
      s.flush();
    }
    if (pcapLog != null) {
      pcapLog.flush();
    }
    for (AlertFileSync s : synced) {
      s.mark(lastAlertIndex);
    }
  }

  /**
   * Alerts of the alert log that opening wrote to eve.json/fast.log because a crashed run had not.
   */
  public long recoveredAlerts() {
    long n = 0;
    for (AlertFileSync s : synced) {
      n = Math.max(n, s.recovered());
    }
    return n;
  }

  /**
   * The timer's and the shutdown hook's flush: a failure is kept for the run loop's next flush or
   * close.
   */
  private synchronized void timedFlush() {
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      if (flushFailure == null) {
        flushFailure = e instanceof IOException io ? io : new IOException(e);
      }
    }
  }

  /** Flushes and closes everything: pipes get up to 5 s to take what is queued. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    timer.stop();
    IOException first = null;
    try {
      flush();
    } catch (IOException e) {
      first = e;
    }
    closed = true;
    for (OutputPipe p : pipes) {
      p.close();
    }
    for (EventSink s : statsSinks) {
      try {
        s.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (pcapLog != null) {
      try {
        pcapLog.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    alertLog.close();
    if (first == null) {
      first = flushFailure;
    }
    if (first != null) {
      throw first;
    }
  }
}
