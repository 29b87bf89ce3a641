package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipping to a real Kafka broker (single node, KRaft, child JVM on loopback): a run over the zeek
 * captures with {@code outputs.kafka} puts exactly its eve.json alerts into the topic, keyed by
 * flow_id, with the sensor's host; {@code vigil ship} killed with SIGKILL mid-ship and started
 * again ships every record once; so does a shipper whose broker is stopped and started again
 * mid-ship.
 */
class ShipKafkaTest {
  static final Path CAPTURES =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus")).resolve("pcaps/zeek/http");
  static final String SENSOR = "zeek-sensor-1";
  static final String RULES =
      """
      alert tcp any any -> any any (msg:"TCP SYN"; flags:S; sid:1000001; rev:1;)
      alert tcp any any -> any any (msg:"HTTP GET"; flow:to_server,established; content:"GET"; http_method; sid:1000002; rev:1;)
      alert tcp any any -> any any (msg:"HTTP 200"; flow:to_client,established; content:"200"; http_stat_code; sid:1000003; rev:1;)
      """;

  @TempDir static Path dir;
  static KafkaTestBroker broker;
  static Path logs;
  static List<String> eveAlerts;

  @BeforeAll
  static void brokerAndRun() throws Exception {
    assumeTrue(Files.isDirectory(CAPTURES), "corpus captures not found at " + CAPTURES);
    long b0 = System.nanoTime();
    broker = KafkaTestBroker.start(dir.resolve("broker"));
    System.out.printf("ShipKafkaTest: broker up in %d ms%n", (System.nanoTime() - b0) / 1_000_000);
    Path rules = Files.writeString(dir.resolve("ship.rules"), RULES);
    Path yaml =
        Files.writeString(
            dir.resolve("vigil.yaml"),
            """
            sensor-name: %s
            outputs:
              kafka:
                enabled: yes
                bootstrap-servers: %s
                topic: run
                drain-timeout: 120
            """
                .formatted(SENSOR, broker.bootstrap()));
    logs = dir.resolve("logs");
    long t0 = System.nanoTime();
    CliRun run =
        CliRun.of(
            "run",
            "-r",
            CAPTURES.toString(),
            "-S",
            rules.toString(),
            "-c",
            yaml.toString(),
            "-l",
            logs.toString());
    assertEquals(0, run.code(), run.err());
    eveAlerts =
        Files.readAllLines(logs.resolve("eve.json")).stream()
            .filter(l -> l.contains("\"event_type\":\"alert\""))
            .toList();
    System.out.printf(
        "ShipKafkaTest: run over %s with outputs.kafka: %d alerts in %d ms%n",
        CAPTURES, eveAlerts.size(), (System.nanoTime() - t0) / 1_000_000);
    assertTrue(eveAlerts.size() > 1000, "only " + eveAlerts.size() + " alerts");
  }

  @AfterAll
  static void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aRunShipsExactlyItsEveAlertsKeyedByFlowId() {
    List<ConsumerRecord<String, String>> shipped = consume("run", eveAlerts.size());
    List<String> alerts = new ArrayList<>();
    for (ConsumerRecord<String, String> r : shipped) {
      if (r.value().contains("\"event_type\":\"alert\"")) {
        assertEquals(flowId(r.value()), r.key(), "key of " + r.value());
        assertTrue(r.value().contains("\"host\":\"" + SENSOR + "\""), r.value());
        alerts.add(withoutHost(r.value()));
      }
    }
    assertSameRecords(eveAlerts, alerts);
  }

  @Test
  void aShipperKilledMidShipResumesWithNoneMissingNoneTwice() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(KafkaTestBroker.jvmFlags());
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Vigil.class.getName(),
            "ship",
            logs.toString(),
            "--bootstrap-servers",
            broker.bootstrap(),
            "--topic",
            "killed",
            "--set",
            "sensor-name=" + SENSOR,
            "--batch",
            "10"));
    Process shipper =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("killed-shipper.out").toFile())
            .start();
    long t0 = System.nanoTime();
    int seen = awaitSome("killed", 200, shipper);
    shipper.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    int atKill = countCommitted("killed");
    System.out.printf(
        "ShipKafkaTest: shipper killed with %d of %d alerts committed%n", atKill, eveAlerts.size());
    assertTrue(
        atKill >= seen && atKill < eveAlerts.size(), "the kill did not land mid-ship: " + atKill);

    long t1 = System.nanoTime();
    CliRun again = ship("killed", "10");
    assertEquals(0, again.code(), again.err());
    System.out.printf(
        "ShipKafkaTest: killed %d ms after start; the second shipper took %d ms: %s%n",
        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, again.out().strip());
    assertSameRecords(eveAlerts, alertsOf(consume("killed", eveAlerts.size())));
  }

  @Test
  void aBrokerKilledAndStartedAgainMidShipLosesAndDuplicatesNothing() throws Exception {
    long t0 = System.nanoTime();
    CompletableFuture<CliRun> shipping = CompletableFuture.supplyAsync(() -> ship("outage", "10"));
    awaitSome("outage", 200, null);
    broker.kill();
    Thread.sleep(2000);
    assertFalse(shipping.isDone(), "the shipper finished while the broker was down");
    long t1 = System.nanoTime();
    broker.start();
    long t2 = System.nanoTime();
    CliRun done = shipping.get(180, TimeUnit.SECONDS);
    assertEquals(0, done.code(), done.err());
    System.out.printf(
        "ShipKafkaTest: broker killed %d ms into shipping, back after %d ms, shipper done %d ms"
            + " later: %s%n",
        (t1 - t0) / 1_000_000 - 2000,
        (t2 - t1) / 1_000_000,
        (System.nanoTime() - t2) / 1_000_000,
        done.out().strip());
    assertSameRecords(eveAlerts, alertsOf(consume("outage", eveAlerts.size())));
  }

  @Test
  void shippingThroughputAndCpuPerAlert() throws Exception {
    // the run's alerts ten times over, so the fixed cost of connecting weighs little
    Path big = dir.resolve("logs-10x");
    List<org.vigil.output.AlertEvent> once = new ArrayList<>();
    try (var reader = org.vigil.output.log.AlertLogReader.open(logs)) {
      reader.drain(once::add);
    }
    try (var log =
        org.vigil.output.log.AlertLog.open(big, org.vigil.output.log.AlertLogConfig.DEFAULT)) {
      for (int i = 0; i < 10; i++) {
        once.forEach(log::append);
      }
    }
    int n = once.size() * 10;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    CliRun r =
        CliRun.of(
            "ship",
            big.toString(),
            "--bootstrap-servers",
            broker.bootstrap(),
            "--topic",
            "speed",
            "--set",
            "sensor-name=" + SENSOR);
    long wall = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    assertEquals(0, r.code(), r.err());
    Matcher busy = Pattern.compile("in (\\d+) ms").matcher(r.out());
    assertTrue(busy.find(), r.out());
    long busyMs = Long.parseLong(busy.group(1));
    System.out.printf(
        "ShipKafkaTest: vigil ship %d alerts in %d ms (%.0f records/s) of which %d ms in"
            + " transactions (%.0f records/s); %.1f us CPU per alert in the shipping JVM; broker on"
            + " the same 2-core machine, shared with other builds%n",
        n, wall / 1_000_000, n * 1e9 / wall, busyMs, n * 1e3 / Math.max(1, busyMs), cpu / 1e3 / n);
    List<ConsumerRecord<String, String>> shipped = consume("speed", n);
    assertEquals(n, alertsOf(shipped).size());
    // a shipper that ends caught up says so in its last stats record
    String stats =
        shipped.stream()
            .map(ConsumerRecord::value)
            .filter(v -> v.contains("\"event_type\":\"stats\""))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertTrue(stats.contains("\"shipped\":" + n + ","), stats);
    assertTrue(stats.contains("\"lag_records\":0,"), stats);
    assertTrue(stats.contains("\"host\":\"" + SENSOR + "\""), stats);
  }

  @Test
  void aBrokerThatIsAwayDoesNotSlowDetectionAndTheBacklogShipsAfter() throws Exception {
    Path rules = dir.resolve("ship.rules");
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "sensor-name: " + SENSOR + "\n");
    int nobody;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      nobody = s.getLocalPort();
    }
    Path away =
        Files.writeString(
            dir.resolve("away.yaml"),
            """
            sensor-name: %s
            outputs:
              kafka: {enabled: yes, bootstrap-servers: "127.0.0.1:%d", topic: backlog, drain-timeout: 0}
            """
                .formatted(SENSOR, nobody));
    long tPlain = timedRun(rules, plain, dir.resolve("logs-plain"));
    long tAway = timedRun(rules, away, dir.resolve("logs-away"));
    System.out.printf(
        "ShipKafkaTest: detection over %s: %d ms without kafka, %d ms shipping to a broker that is"
            + " away (not asserted: the machine is shared)%n",
        CAPTURES, tPlain / 1_000_000, tAway / 1_000_000);
    List<String> backlog =
        Files.readAllLines(dir.resolve("logs-away/eve.json")).stream()
            .filter(l -> l.contains("\"event_type\":\"alert\""))
            .toList();
    // the same captures and rules: the same alerts, all of them waiting in the alert log
    assertEquals(eveAlerts.size(), backlog.size());
    CliRun drained =
        CliRun.of(
            "ship",
            dir.resolve("logs-away").toString(),
            "--bootstrap-servers",
            broker.bootstrap(),
            "--topic",
            "backlog",
            "--set",
            "sensor-name=" + SENSOR);
    assertEquals(0, drained.code(), drained.err());
    assertSameRecords(backlog, alertsOf(consume("backlog", backlog.size())));
  }

  private static long timedRun(Path rules, Path yaml, Path logDir) {
    long t0 = System.nanoTime();
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            CAPTURES.toString(),
            "-S",
            rules.toString(),
            "-c",
            yaml.toString(),
            "-l",
            logDir.toString());
    assertEquals(0, r.code(), r.err());
    return System.nanoTime() - t0;
  }

  private static CliRun ship(String topic, String batch) {
    return CliRun.of(
        "ship",
        logs.toString(),
        "--bootstrap-servers",
        broker.bootstrap(),
        "--topic",
        topic,
        "--set",
        "sensor-name=" + SENSOR,
        "--batch",
        batch);
  }

  private static List<String> alertsOf(List<ConsumerRecord<String, String>> records) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      if (r.value().contains("\"event_type\":\"alert\"")) {
        out.add(withoutHost(r.value()));
      }
    }
    return out;
  }

  /** Same records, each as many times (eve.json's order is not the topic's across partitions). */
  private static void assertSameRecords(List<String> expected, List<String> actual) {
    Map<String, Integer> want = counts(expected);
    Map<String, Integer> got = counts(actual);
    for (var e : got.entrySet()) {
      int w = want.getOrDefault(e.getKey(), 0);
      assertTrue(
          e.getValue() <= w,
          "shipped " + e.getValue() + " times, in eve.json " + w + " times: " + e.getKey());
    }
    for (var e : want.entrySet()) {
      assertEquals(
          e.getValue(), got.getOrDefault(e.getKey(), 0), "missing from the topic: " + e.getKey());
    }
    assertEquals(expected.size(), actual.size());
  }

  private static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> m = new HashMap<>();
    for (String l : lines) {
      m.merge(l, 1, Integer::sum);
    }
    return m;
  }

  private static String withoutHost(String record) {
    return record.replace(",\"host\":\"" + SENSOR + "\"", "");
  }

  private static final Pattern FLOW_ID = Pattern.compile("\"flow_id\":(\\d+)");

  private static String flowId(String record) {
    Matcher m = FLOW_ID.matcher(record);
    return m.find() ? m.group(1) : null;
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrap());
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }

  /**
   * Every committed record of {@code topic} (read_committed, from the start), waiting until at
   * least {@code atLeast} alerts are there, then reading to the end; checks that no alert log index
   * arrives twice.
   */
  private static List<ConsumerRecord<String, String>> consume(String topic, int atLeast) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    Set<String> indexes = new HashSet<>();
    try (KafkaConsumer<String, String> c = consumer()) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(pi -> new TopicPartition(topic, pi.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int alerts = 0;
      while (System.nanoTime() < deadline) {
        var batch = c.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, String> r : batch) {
          out.add(r);
          if (r.value().contains("\"event_type\":\"alert\"")) {
            alerts++;
            Header h = r.headers().lastHeader("vigil.index");
            assertNotNull(h, "no vigil.index header: " + r.value());
            String index = new String(h.value(), StandardCharsets.US_ASCII);
            assertTrue(indexes.add(index), "alert log index " + index + " shipped twice");
          }
        }
        if (batch.isEmpty() && alerts >= atLeast) {
          break;
        }
      }
    }
    return out;
  }

  private static int countCommitted(String topic) {
    int n = 0;
    try (KafkaConsumer<String, String> c = consumer()) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(pi -> new TopicPartition(topic, pi.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          if (r.value().contains("\"event_type\":\"alert\"")) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** Waits until {@code topic} has at least {@code n} committed records; returns how many. */
  private static int awaitSome(String topic, int n, Process alive) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (alive != null && !alive.isAlive()) {
        throw new AssertionError("the shipper exited with " + alive.exitValue());
      }
      try (KafkaConsumer<String, String> c = consumer()) {
        if (c.listTopics().containsKey(topic)) {
          int got = countCommitted(topic);
          if (got >= n) {
            return got;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + n + " records in " + topic + " in time");
  }
}
