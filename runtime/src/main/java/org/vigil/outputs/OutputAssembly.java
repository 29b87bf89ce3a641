package org.vigil.outputs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.vigil.output.AlertLineSink;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.EventSink;
import org.vigil.output.OutputConfigException;
import org.vigil.output.OutputContext;
import org.vigil.output.OutputPlugin;
import org.vigil.output.PcapLog;
import org.vigil.output.log.AlertFileSync;
import org.vigil.output.log.AlertLog;
import org.vigil.output.log.RecordLogSink;
import org.vigil.output.pipe.OutputPipe;
import org.vigil.output.pipe.PipeConfig;
import org.vigil.output.stats.StatsWriter;

/**
 * Builds a set of {@link Outputs} from its configuration: the alert log, the output plugins found
 * with {@link ServiceLoader} (the pcap log only in the run's main set), the alert files' catch-up
 * with the alert log, the stats file and the pipes; what it opened is closed again when a later
 * part fails.
 */
final class OutputAssembly {
  private OutputAssembly() {}

  /**
   * Opens the outputs of {@code logDir}, finding plugins with {@code loader}; {@code thread} is
   * null for the run's main set, or the name that per-thread files carry.
   *
   * @throws OutputConfigException when a configured output is unknown or badly set
   */
  static Outputs open(Path logDir, OutputConfig config, String thread, ClassLoader loader)
      throws IOException {
    Files.createDirectories(logDir);
    Map<String, OutputPlugin> known = new LinkedHashMap<>();
    for (OutputPlugin p : ServiceLoader.load(OutputPlugin.class, loader)) {
      known.putIfAbsent(p.name(), p);
    }
    List<Closeable> opened = new ArrayList<>();
    try {
      AlertLog log = AlertLog.open(logDir, config.alertLog());
      opened.add(log);
      List<EventSink> sinks = new ArrayList<>();
      if (config.alertLog().logsRecords()) {
        // the log's other record types go to it before any other output, as alerts do
        sinks.add(new RecordLogSink(log, config.alertLog().types()));
      }
      PcapLog pcapLog = null;
      for (Map.Entry<String, Map<String, Object>> e : config.plugins().entrySet()) {
        if (e.getKey().equals(PcapLog.NAME)) {
          // packets, not events: only the run's main set writes them
          if (thread == null) {
            pcapLog = PcapLog.open(new OutputContext(logDir, e.getKey(), e.getValue()));
            opened.add(pcapLog);
          }
          continue;
        }
        OutputPlugin p = known.get(e.getKey());
        if (p == null) {
          throw new OutputConfigException(
              "outputs." + e.getKey(), "no such output (known: " + known.keySet() + ")");
        }
        EventSink s = p.open(new OutputContext(logDir, e.getKey(), e.getValue(), thread));
        opened.add(s);
        sinks.add(s);
      }
      // the main set's alert files first catch up with the alert log; a thread's files hold only
      // its
      // own share of the log's alerts, so they cannot be completed from it
      List<AlertFileSync> synced = new ArrayList<>();
      for (EventSink s : sinks) {
        if (thread == null && s instanceof AlertLineSink l && l.file() != null) {
          synced.add(AlertFileSync.open(log, l));
        }
      }
      List<EventSink> statsSinks = new ArrayList<>(sinks);
      if (config.statsFile() != null) {
        EventSink statsFile =
            EveJsonWriter.open(
                logDir.resolve(config.statsFile()), EnumSet.of(EveJsonWriter.Type.STATS));
        opened.add(statsFile);
        statsSinks.add(statsFile);
      }
      List<OutputPipe> pipes = new ArrayList<>();
      for (PipeConfig pc : config.pipes()) {
        OutputPipe pipe = OutputPipe.start(pc, logDir.toFile());
        opened.add(pipe);
        pipes.add(pipe);
      }
      StatsWriter stats =
          new StatsWriter(statsSinks, config.statsIntervalSeconds(), System.nanoTime());
      return new Outputs(
          log, sinks, statsSinks, stats, pipes, pcapLog, synced, thread == null ? "main" : thread);
    } catch (IOException | RuntimeException e) {
      for (Closeable c : opened.reversed()) {
        try {
          c.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }
}
