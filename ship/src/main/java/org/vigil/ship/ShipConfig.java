package org.vigil.ship;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.vigil.output.EveTypes;
import org.vigil.output.OutputConfigException;
import org.vigil.output.log.AlertLogConfig;

/**
 * Where and how the alert log is shipped: the {@code outputs.kafka} section of vigil.yaml, which
 * {@code vigil ship} reads too.
 *
 * <pre>
 * outputs:
 *   kafka:
 *     enabled: yes
 *     bootstrap-servers: kafka1:9092,kafka2:9092
 *     topic: vigil-eve
 *     sensor-name: dmz-1          # EVE "host" of every record; default: this machine's name
 *     compression: lz4            # none | gzip | snappy | lz4 | zstd
 *     batch: 1000                 # records per transaction at most
 *     types: [alert, http, flow]  # the EVE record types shipped (default: alert)
 *     disk-budget: 2g             # the log's size cap while records wait (default: none)
 *     producer: {security.protocol: SASL_SSL, sasl.mechanism: SCRAM-SHA-512, ...}
 * </pre>
 *
 * @param bootstrapServers the brokers to contact first ({@code host:port,...})
 * @param topic the topic the EVE records go to
 * @param sensorName the {@code host} field of every record (Suricata's {@code sensor-name})
 * @param transactionalId the producer's transactional id ({@code vigil-ship-<sensor>-<topic>} by
 *     default); one shipper per id at a time (a new one fences the old), and the key of its
 *     progress in the state topic
 * @param stateTopic the compacted topic that holds each shipper's last shipped alert log index
 * @param compression the producer's {@code compression.type}
 * @param batch at most this many records per transaction
 * @param lingerMs the producer's {@code linger.ms}
 * @param partitions partitions of the topic when the shipper creates it (0: broker default)
 * @param replicationFactor replication of the topics it creates (0: broker default)
 * @param communityIdSeed the Community ID seed when records carry {@code community_id}, else null
 * @param statsInterval how often a stats record (ship lag) goes to the topic; zero for never
 * @param drainTimeout how long a run's end waits for the shipper to catch up with the alert log
 * @param clientProperties Kafka client properties passed through as written (TLS, SASL, tuning)
 * @param types the EVE record types shipped (as eve-log's {@code types}; alerts by default); a run
 *     with this output puts them into its durable log
 * @param diskBudget the most bytes the durable log may take while records wait for the broker (0:
 *     no cap beyond the log's own retention); the oldest cycle files go first, their records
 *     counted as lost
 */
public record ShipConfig(
    String bootstrapServers,
    String topic,
    String sensorName,
    String transactionalId,
    String stateTopic,
    String compression,
    int batch,
    int lingerMs,
    int partitions,
    short replicationFactor,
    Integer communityIdSeed,
    Duration statsInterval,
    Duration drainTimeout,
    Map<String, String> clientProperties,
    EveTypes types,
    long diskBudget) {

  /** The topic records go to when none is set. */
  public static final String DEFAULT_TOPIC = "vigil-eve";

  /** The state topic when none is set. */
  public static final String DEFAULT_STATE_TOPIC = "vigil-ship-state";

  private static final Set<String> KEYS =
      Set.of(
          "enabled",
          "bootstrap-servers",
          "topic",
          "sensor-name",
          "transactional-id",
          "state-topic",
          "compression",
          "batch",
          "linger-ms",
          "partitions",
          "replication-factor",
          "community-id",
          "community-id-seed",
          "stats-interval",
          "drain-timeout",
          "producer",
          "types",
          "disk-budget");

  private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

  /** Checks the values and copies the properties. */
  public ShipConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are required");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1");
    }
    clientProperties = Map.copyOf(clientProperties);
    if (types == null) {
      throw new IllegalArgumentException("types are required");
    }
    if (diskBudget < 0) {
      throw new IllegalArgumentException("the disk budget must be >= 0");
    }
  }

  /**
   * Reads an {@code outputs.kafka} section; {@code prefix} is its key for messages.
   *
   * @throws OutputConfigException naming the key of a missing or bad setting
   */
  public static ShipConfig fromMap(Map<String, ?> m, String prefix) {
    for (String k : m.keySet()) {
      if (!KEYS.contains(k)) {
        throw new OutputConfigException(
            prefix + "." + k,
            "unknown setting (" + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    Object servers = m.get("bootstrap-servers");
    if (servers == null || servers.toString().isBlank()) {
      throw new OutputConfigException(
          prefix + ".bootstrap-servers", "required: the brokers to contact, host:port[,host:port]");
    }
    String bootstrap =
        servers instanceof List<?> l
            ? String.join(",", l.stream().map(String::valueOf).toList())
            : servers.toString().trim();
    String sensor = string(m, "sensor-name", null);
    if (sensor == null) {
      sensor = localHostName();
    }
    String compression = string(m, "compression", "lz4").toLowerCase(Locale.ROOT);
    if (!CODECS.contains(compression)) {
      throw new OutputConfigException(
          prefix + ".compression", "expected one of " + CODECS + ", got '" + compression + "'");
    }
    Integer seed = null;
    if (flag(m, "community-id", prefix)) {
      seed = (int) number(m, "community-id-seed", 0, prefix, 65535);
    }
    String topic = string(m, "topic", DEFAULT_TOPIC);
    if (number(m, "batch", 1000, prefix, 1_000_000) < 1) {
      throw new OutputConfigException(prefix + ".batch", "must be at least 1");
    }
    Map<String, String> props = new LinkedHashMap<>();
    Object producer = m.get("producer");
    if (producer != null) {
      if (!(producer instanceof Map<?, ?> pm)) {
        throw new OutputConfigException(
            prefix + ".producer", "expected a section of Kafka client properties");
      }
      pm.forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    }
    return new ShipConfig(
        bootstrap,
        topic,
        sensor,
        string(m, "transactional-id", "vigil-ship-" + sensor + "-" + topic),
        string(m, "state-topic", DEFAULT_STATE_TOPIC),
        compression,
        (int) number(m, "batch", 1000, prefix, 1_000_000),
        (int) number(m, "linger-ms", 5, prefix, 60_000),
        (int) number(m, "partitions", 0, prefix, 100_000),
        (short) number(m, "replication-factor", 0, prefix, Short.MAX_VALUE),
        seed,
        Duration.ofSeconds(number(m, "stats-interval", 30, prefix, 86_400)),
        Duration.ofSeconds(number(m, "drain-timeout", 10, prefix, 86_400)),
        props,
        m.get("types") == null
            ? AlertLogConfig.ALERTS
            : EveTypes.parse(m.get("types"), prefix + ".types"),
        m.get("disk-budget") == null
            ? 0
            : AlertLogConfig.size(m.get("disk-budget"), prefix + ".disk-budget"));
  }

  /** This config shipping in transactions of at most {@code records} records. */
  public ShipConfig withBatch(int records) {
    return new ShipConfig(
        bootstrapServers,
        topic,
        sensorName,
        transactionalId,
        stateTopic,
        compression,
        records,
        lingerMs,
        partitions,
        replicationFactor,
        communityIdSeed,
        statsInterval,
        drainTimeout,
        clientProperties,
        types,
        diskBudget);
  }

  /**
   * The transactional, idempotent producer's properties: Vigil's choices, then the pass-through
   * ones (which may tune but not turn off what exactly-once needs).
   */
  public Properties producerProperties() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put("bootstrap.servers", bootstrapServers);
    p.putIfAbsent("compression.type", compression);
    p.putIfAbsent("linger.ms", Integer.toString(lingerMs));
    p.putIfAbsent("batch.size", Integer.toString(256 * 1024));
    p.putIfAbsent("max.block.ms", "15000");
    // back-to-back transactions: a send that meets the previous commit still being completed is
    // retried after this pause (Kafka's default, 100 ms, would bound a shipper to ~10 commits/s)
    p.putIfAbsent("retry.backoff.ms", "10");
    // a killed shipper's open transaction holds back read_committed consumers until it times out
    p.putIfAbsent("transaction.timeout.ms", "30000");
    p.put("transactional.id", transactionalId);
    p.put("enable.idempotence", "true");
    p.put("acks", "all");
    p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return p;
  }

  /** The properties of the state reader (read_committed) and the admin client. */
  Properties clientProperties(Set<String> known) {
    Properties p = new Properties();
    clientProperties.forEach(
        (k, v) -> {
          if (known.contains(k)) {
            p.put(k, v);
          }
        });
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String string(Map<String, ?> m, String key, String dflt) {
    Object v = m.get(key);
    return v == null || v.toString().isBlank() ? dflt : v.toString().trim();
  }

  private static boolean flag(Map<String, ?> m, String key, String prefix) {
    Object v = m.get(key);
    if (v == null) {
      return false;
    }
    return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
      case "yes", "true", "on", "1" -> true;
      case "no", "false", "off", "0" -> false;
      default ->
          throw new OutputConfigException(
              prefix + "." + key, "expected yes or no, got '" + v + "'");
    };
  }

  private static long number(Map<String, ?> m, String key, long dflt, String prefix, long max) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.toString().trim());
      if (n < 0 || n > max) {
        throw new OutputConfigException(prefix + "." + key, "expected 0.." + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new OutputConfigException(prefix + "." + key, "expected a number, got '" + v + "'");
    }
  }
}
