package org.vigil.outputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.output.OutputConfigException;
import org.vigil.output.OutputContext;
import org.vigil.output.OutputPlugin;
import org.vigil.output.PcapLog;
import org.vigil.output.log.AlertLogConfig;
import org.vigil.output.pipe.PipeConfig;

/**
 * The {@code outputs} section of vigil.yaml, read: the alert log's roll and retention, which output
 * plugins are on with their settings, the stats interval and the output pipes.
 *
 * <pre>
 * outputs:
 *   alert-log: {roll-cycle: daily, retention: {max-files: 30, max-size: 10g}, sync: none}
 *   eve-log:   {enabled: yes, filename: eve.json, types: [alert, http, flow, drop, stats]}
 *   fast:      {enabled: yes, filename: fast.log}
 *   stats:     {enabled: yes, filename: stats.json, interval: 8}
 *   pcap-log:  {enabled: yes, filename: log.pcap, conditional: alerts}   # off by default; alerts | all
 *   pipes:
 *     - {field: http.user_agent, command: "sort -u > user-agents.txt", buffer: 8192}
 *     - {field: http.hostname, fifo: /run/vigil/hosts}
 * </pre>
 *
 * Suricata's list form ({@code outputs: [- eve-log: {...}]}) is read too. Any other name is an
 * {@link OutputPlugin} found on the class path.
 *
 * @param alertLog the durable alert log's settings
 * @param plugins enabled plugins by name, with their sections
 * @param statsFile stats file name in the log directory, or null when stats are off
 * @param statsIntervalSeconds seconds between stats records (0 = only at the end)
 * @param pipes output pipes
 */
public record OutputConfig(
    AlertLogConfig alertLog,
    Map<String, Map<String, Object>> plugins,
    String statsFile,
    long statsIntervalSeconds,
    List<PipeConfig> pipes) {

  /**
   * Defaults: daily alert log kept 30 days, eve.json (all types), fast.log, stats.json every 8 s,
   * no pipes.
   */
  public static final OutputConfig DEFAULT =
      new OutputConfig(
          AlertLogConfig.DEFAULT,
          Map.of("eve-log", Map.of(), "fast", Map.of()),
          "stats.json",
          8,
          List.of());

  /** Copies the collections. */
  public OutputConfig {
    plugins = Map.copyOf(plugins);
    pipes = List.copyOf(pipes);
  }

  /** This config with {@code pipe} added. */
  public OutputConfig withPipe(PipeConfig pipe) {
    List<PipeConfig> p = new ArrayList<>(pipes);
    p.add(pipe);
    return new OutputConfig(alertLog, plugins, statsFile, statsIntervalSeconds, p);
  }

  /**
   * Reads an {@code outputs} section (a map of name to section, or Suricata's list of one-key
   * maps); null gives {@link #DEFAULT}. Relative fifo paths are taken in {@code logDir}.
   *
   * @throws OutputConfigException naming the key of a bad setting
   */
  public static OutputConfig fromYaml(Object outputs, Path logDir) {
    if (outputs == null) {
      return DEFAULT;
    }
    Map<String, Object> sections = new LinkedHashMap<>();
    if (outputs instanceof Map<?, ?> m) {
      m.forEach((k, v) -> sections.put(String.valueOf(k), v));
    } else if (outputs instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof Map<?, ?> one) || one.size() != 1) {
          throw new OutputConfigException(
              "outputs", "each list entry must be one 'name: {settings}'");
        }
        one.forEach((k, v) -> sections.put(String.valueOf(k), v));
      }
    } else {
      throw new OutputConfigException("outputs", "expected a section of outputs");
    }
    AlertLogConfig alertLog = AlertLogConfig.DEFAULT;
    Map<String, Map<String, Object>> plugins = new LinkedHashMap<>(DEFAULT.plugins);
    String statsFile = DEFAULT.statsFile;
    long interval = DEFAULT.statsIntervalSeconds;
    List<PipeConfig> pipes = new ArrayList<>();
    for (Map.Entry<String, Object> e : sections.entrySet()) {
      String name = e.getKey();
      String key = "outputs." + name;
      switch (name) {
        case "alert-log" -> alertLog = AlertLogConfig.fromMap(section(e.getValue(), key), key);
        case "pipes" -> {
          if (!(e.getValue() instanceof List<?> list)) {
            throw new OutputConfigException(key, "expected a list of pipes");
          }
          for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> pm)) {
              throw new OutputConfigException(
                  key + "[" + i + "]", "expected {field, command|fifo, buffer}");
            }
            pipes.add(PipeConfig.fromMap(pm, key + "[" + i + "]", logDir));
          }
        }
        case "stats" -> {
          Map<String, Object> s = section(e.getValue(), key);
          OutputContext c = new OutputContext(logDir, name, s);
          for (String k : s.keySet()) {
            // suricata.yaml's stats.log settings Vigil's JSON stats file has no use for
            boolean suricatas = List.of("append", "totals", "threads", "null-values").contains(k);
            if (!suricatas && !List.of("enabled", "filename", "interval").contains(k)) {
              throw new OutputConfigException(
                  key + "." + k, "unknown setting (enabled, filename, interval)");
            }
          }
          statsFile = c.flag("enabled", true) ? c.string("filename", "stats.json") : null;
          try {
            interval = Long.parseLong(c.string("interval", "8").trim());
          } catch (NumberFormatException ex) {
            throw new OutputConfigException(
                key + ".interval", "expected seconds, got '" + s.get("interval") + "'");
          }
          if (interval < 0) {
            throw new OutputConfigException(key + ".interval", "must be >= 0");
          }
        }
        case PcapLog.NAME -> {
          Map<String, Object> s = section(e.getValue(), key);
          OutputContext c = new OutputContext(logDir, name, s);
          // off unless asked for, as in Suricata (a section switched off is not checked further:
          // suricata.yaml's has settings of Suricata's own pcap log)
          if (c.flag("enabled", false)) {
            PcapLog.validate(c);
            plugins.put(name, s);
          } else {
            plugins.remove(name);
          }
        }
        default -> {
          Map<String, Object> s = section(e.getValue(), key);
          if (new OutputContext(logDir, name, s).flag("enabled", true)) {
            if (name.equals("eve-log")) {
              // checked before the rules load, not when the writer opens
              org.vigil.output.EveTypes.parse(s.get("types"), key + ".types");
            }
            plugins.put(name, s);
          } else {
            plugins.remove(name);
          }
        }
      }
    }
    return new OutputConfig(alertLog, plugins, statsFile, interval, pipes);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Object v, String key) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new OutputConfigException(key, "expected a section of settings");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, val) -> out.put(String.valueOf(k), val));
    return out;
  }
}
