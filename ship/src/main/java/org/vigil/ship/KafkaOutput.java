package org.vigil.ship;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vigil.output.EventSink;
import org.vigil.output.OutputContext;
import org.vigil.output.OutputEvent;
import org.vigil.output.OutputPlugin;
import org.vigil.outputs.OutputConfig;

/**
 * The {@code kafka} output of a run: a {@link Shipper} on its own thread tailing the run's alert
 * log, so records reach Kafka behind the durable log and a slow or absent broker never slows
 * detection. Closing the run's outputs lets it catch up for at most {@code drain-timeout}; what it
 * did not ship then is shipped by the next run or by {@code vigil ship}, and the transaction it was
 * in is fenced so it holds back no reader.
 */
public final class KafkaOutput implements EventSink {
  /** The name under {@code outputs:}. */
  public static final String NAME = "kafka";

  private final Shipper shipper;
  private final Thread thread;
  private final Duration drainTimeout;

  private KafkaOutput(Shipper shipper, Duration drainTimeout) {
    this.shipper = shipper;
    this.drainTimeout = drainTimeout;
    this.thread =
        Thread.ofPlatform()
            .name("vigil-ship")
            .daemon(true)
            .unstarted(
                () -> {
                  try {
                    shipper.run(true);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (RuntimeException e) {
                    System.err.println("vigil: kafka output stopped: " + e);
                  }
                });
  }

  /** Starts shipping {@code context}'s log directory with {@code config}. */
  static KafkaOutput start(OutputContext context, ShipConfig config) {
    KafkaOutput out =
        new KafkaOutput(
            new Shipper(context.logDir(), config, ProblemReporter.stderr("vigil: kafka: ")),
            config.drainTimeout());
    out.thread.start();
    return out;
  }

  /**
   * {@code outputs} with the configuration's top-level {@code sensor-name} as the kafka output's
   * sensor name where its own section sets none, after checking that section, and with a durable
   * log that holds the record types it ships within its disk budget; unchanged when the kafka
   * output is off.
   *
   * @throws org.vigil.output.OutputConfigException naming the key of a bad kafka setting
   */
  public static OutputConfig prepare(OutputConfig outputs, String sensorName) {
    Map<String, Object> section = outputs.plugins().get(NAME);
    if (section == null) {
      return outputs;
    }
    Map<String, Object> own = new LinkedHashMap<>(section);
    if (sensorName != null) {
      own.putIfAbsent("sensor-name", sensorName);
    }
    ShipConfig config = ShipConfig.fromMap(own, "outputs." + NAME);
    Map<String, Map<String, Object>> plugins = new LinkedHashMap<>(outputs.plugins());
    plugins.put(NAME, own);
    return new OutputConfig(
        outputs.alertLog().withTypes(config.types()).withBudget(config.diskBudget()),
        plugins,
        outputs.statsFile(),
        outputs.statsIntervalSeconds(),
        outputs.pipes());
  }

  /** The shipper's counters (see {@link Shipper#counters()}). */
  public Map<String, Object> counters() {
    return shipper.counters();
  }

  /** Records reach Kafka from the alert log, not from here. */
  @Override
  public void write(OutputEvent event) {}

  @Override
  public void flush() {}

  /** Lets the shipper catch up for at most the drain timeout, then stops it. */
  @Override
  public void close() throws IOException {
    shipper.stop();
    try {
      thread.join(drainTimeout);
      if (thread.isAlive()) {
        shipper.abort();
        // the shipper fences what it left open on its way out
        thread.join(Shipper.FENCE_BOUND.plusSeconds(5));
      }
    } catch (InterruptedException e) {
      shipper.abort();
      Thread.currentThread().interrupt();
    }
  }

  /** Finds the output by name; only the run's main set of outputs ships (threads share one log). */
  public static final class Plugin implements OutputPlugin {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public EventSink open(OutputContext c) {
      ShipConfig config = ShipConfig.fromMap(c.settings(), "outputs." + c.name());
      if (c.instance() != null) {
        return new Idle();
      }
      return start(c, Objects.requireNonNull(config));
    }
  }

  /** A per-thread set's kafka output: the main set's shipper ships the shared log. */
  private static final class Idle implements EventSink {
    @Override
    public void write(OutputEvent event) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
