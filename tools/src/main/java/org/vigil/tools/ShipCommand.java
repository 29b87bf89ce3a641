package org.vigil.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.output.OutputConfigException;
import org.vigil.output.log.AlertLogReader;
import org.vigil.ship.ProblemReporter;
import org.vigil.ship.ShipConfig;
import org.vigil.ship.Shipper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil ship}: ships a log directory's durable log (alerts, and the other record types the
 * run logged there) to Kafka as EVE JSON, exactly once, with the {@code outputs.kafka} settings of
 * vigil.yaml (whether enabled or not) and the switches.
 */
@Command(
    name = "ship",
    mixinStandardHelpOptions = true,
    description =
        "Ship a log directory's alert log to Apache Kafka as EVE JSON, exactly once: each record"
            + " once in the topic across restarts of this command and of the brokers.")
final class ShipCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<logdir>")
  Path logDir;

  @Option(
      names = "-c",
      paramLabel = "vigil.yaml",
      description = "Configuration file: its outputs.kafka section and sensor-name.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "key=value",
      description = "Override a vigil.yaml key (outputs.kafka.topic=...); repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "host:port[,...]",
      description = "The Kafka brokers to contact first.")
  String bootstrapServers;

  @Option(names = "--topic", description = "The topic (default " + ShipConfig.DEFAULT_TOPIC + ").")
  String topic;

  @Option(
      names = "--batch",
      paramLabel = "N",
      description = "At most N records per transaction (default 1000).")
  Integer batch;

  @Option(
      names = "--types",
      paramLabel = "type[,type...]",
      split = ",",
      description =
          "The EVE record types to ship (alert, flow, http, dns, tls, ...; default: alert, or"
              + " outputs.kafka.types); the run must have logged them (outputs.kafka.types or"
              + " outputs.alert-log.types).")
  List<String> types;

  @Option(
      names = "-X",
      paramLabel = "property=value",
      description =
          "A Kafka client property passed through (security.protocol=SASL_SSL, ...); repeatable.")
  List<String> properties = new ArrayList<>();

  @Option(
      names = "--follow",
      description = "Keep shipping what a running 'vigil run' appends (until SIGINT/SIGTERM).")
  boolean follow;

  @Option(
      names = "--give-up-after",
      paramLabel = "SECONDS",
      description =
          "Exit with an error (status 1) once Kafka failed for SECONDS with nothing shipped"
              + " (default 300; with --follow 0: retry for ever).")
  Integer giveUpAfter;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ShipConfig cfg;
    try {
      cfg = ShipConfig.fromMap(settings(), "outputs.kafka");
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("vigil ship: " + e.getMessage());
      return Vigil.EXIT_USAGE;
    }
    if (giveUpAfter != null && giveUpAfter < 0) {
      err.println(
          "vigil ship: --give-up-after wants seconds >= 0 (0: retry for ever), got " + giveUpAfter);
      return Vigil.EXIT_USAGE;
    }
    if (!AlertLogReader.exists(logDir)) {
      err.println(
          "vigil ship: no alert log in "
              + logDir
              + " (expected "
              + logDir.resolve("alerts")
              + "/, written by 'vigil run -l "
              + logDir
              + "')");
      return Vigil.EXIT_USAGE;
    }
    Shipper shipper =
        new Shipper(
            logDir,
            cfg,
            new ProblemReporter(
                "vigil ship: ",
                line -> {
                  err.println(line);
                  err.flush();
                }));
    shipper.giveUpAfter(
        java.time.Duration.ofSeconds(giveUpAfter != null ? giveUpAfter : follow ? 0 : 300));
    try (StopSignals signals = StopSignals.install(shipper::abort)) {
      shipper.run(follow);
    } catch (IllegalStateException e) {
      err.println(
          "vigil ship: cannot read " + logDir.resolve("alerts") + ": " + RunChecks.reason(e));
      return Vigil.EXIT_FAILURE;
    }
    Map<String, Object> c = shipper.counters();
    out.printf(
        "vigil ship: %d records shipped to %s (%d transactions in %d ms, %d failures retried); %d not"
            + " shipped yet; %d lost to the disk budget or retention; %d not Vigil's, skipped%n",
        c.get("shipped"),
        cfg.topic(),
        c.get("transactions"),
        c.get("busy_ms"),
        c.get("failures"),
        c.get("lag_records"),
        c.get("overflow"),
        c.get("skipped"));
    out.flush();
    if (shipper.gaveUp() != null) {
      err.println("vigil ship: gave up: " + shipper.gaveUp());
      err.flush();
      return Vigil.EXIT_FAILURE;
    }
    return 0;
  }

  /** The kafka section of the configuration, the top-level sensor-name, then the switches. */
  private Map<String, Object> settings() {
    VigilConfig vc = VigilConfig.load(config, overrides);
    Map<String, Object> m = new LinkedHashMap<>();
    if (section(vc.get("outputs")) instanceof Map<?, ?> k) {
      k.forEach((key, v) -> m.put(String.valueOf(key), v));
    }
    m.remove("enabled");
    String sensor = vc.getString("sensor-name", null);
    if (sensor != null) {
      m.putIfAbsent("sensor-name", sensor);
    }
    if (bootstrapServers != null) {
      m.put("bootstrap-servers", bootstrapServers);
    }
    if (topic != null) {
      m.put("topic", topic);
    }
    if (batch != null) {
      m.put("batch", batch);
    }
    if (types != null) {
      m.put("types", List.copyOf(types));
    }
    if (!properties.isEmpty()) {
      Map<String, Object> p = new LinkedHashMap<>();
      if (m.get("producer") instanceof Map<?, ?> old) {
        old.forEach((key, v) -> p.put(String.valueOf(key), v));
      }
      for (String kv : properties) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new OutputConfigException("-X", "expected property=value, got '" + kv + "'");
        }
        p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
      m.put("producer", p);
    }
    return m;
  }

  /** The {@code kafka} entry of an outputs section in map or Suricata's list form, or null. */
  private static Object section(Object outputs) {
    if (outputs instanceof Map<?, ?> m) {
      return m.get("kafka");
    }
    if (outputs instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> one && one.containsKey("kafka")) {
          return one.get("kafka");
        }
      }
    }
    return null;
  }
}
