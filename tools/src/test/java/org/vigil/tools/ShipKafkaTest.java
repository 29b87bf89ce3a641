package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.tools.KafkaRecords.alertsOf;
import static org.vigil.tools.KafkaRecords.assertSameRecords;
import static org.vigil.tools.KafkaRecords.recordsOf;
import static org.vigil.tools.KafkaRecords.shippedType;
import static org.vigil.tools.KafkaRecords.withoutHost;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.log.AlertLog;
import org.vigil.output.log.AlertLogConfig;
import org.vigil.output.log.AlertLogReader;
import org.vigil.output.log.LogRecord;

/**
 * Shipping to a real Kafka broker (single node, KRaft, child JVM on loopback): a run over the zeek
 * captures with {@code outputs.kafka} shipping alert, http and flow records puts exactly its
 * eve.json records of those types into the topic, keyed by flow_id, with the sensor's host; {@code
 * vigil ship} killed with SIGKILL mid-ship and started again ships every record once; so does a
 * shipper whose broker is stopped and started again mid-ship; a disk budget that dropped records
 * before they were shipped is counted in records, and the rest ship once. Each test ships to its
 * own topic with its own state topic, so what one test leaves in Kafka cannot hold back the next.
 *
 * <p>Bounded: every shipper here gives up after {@link #GIVE_UP} seconds with nothing shipped (exit
 * 1, saying why: the failure names Kafka's error, e.g. what holds the state topic back), and each
 * test and the broker's start fail after a timeout instead of hanging the build.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShipKafkaTest {
  /** Seconds of failures with nothing shipped after which a shipper of these tests gives up. */
  static final String GIVE_UP = "90";

  static final Path CAPTURES = ShipFixture.CAPTURES;
  static final String SENSOR = ShipFixture.SENSOR;
  static final List<String> TYPES = ShipFixture.TYPES;

  @TempDir static Path dir;
  static KafkaTestBroker broker;
  static Path logs;
  static List<String> eveAlerts;

  static List<String> eveRecords;

  @BeforeAll
  static void brokerAndRun() throws Exception {
    assumeTrue(Files.isDirectory(CAPTURES), "corpus captures not found at " + CAPTURES);
    long b0 = System.nanoTime();
    broker = KafkaTestBroker.start(dir.resolve("broker"));
    System.out.printf("ShipKafkaTest: broker up in %d ms%n", (System.nanoTime() - b0) / 1_000_000);
    Path rules = ShipFixture.rules(dir);
    Path yaml =
        ShipFixture.config(
            dir.resolve("vigil.yaml"),
            """
              kafka:
                enabled: yes
                bootstrap-servers: %s
                topic: run
                state-topic: run-state
                types: [alert, http, flow]
                drain-timeout: 120
            """
                .formatted(broker.bootstrap()));
    logs = dir.resolve("logs");
    long t0 = System.nanoTime();
    ShipFixture.run(rules, yaml, logs);
    List<String> eve = Files.readAllLines(logs.resolve("eve.json"));
    eveAlerts = eve.stream().filter(l -> l.contains("\"event_type\":\"alert\"")).toList();
    eveRecords = ShipFixture.shippedRecords(logs);
    System.out.printf(
        "ShipKafkaTest: run over %s with outputs.kafka: %d alerts, %d alert+http+flow records in"
            + " %d ms%n",
        CAPTURES, eveAlerts.size(), eveRecords.size(), (System.nanoTime() - t0) / 1_000_000);
    assertTrue(eveAlerts.size() > 1000, "only " + eveAlerts.size() + " alerts");
    // eve-log asks for the alerts' bytes: the shipped alerts must carry them too (compared below)
    assertTrue(
        eveAlerts.stream().anyMatch(l -> l.contains("\"payload_printable\":"))
            && eveAlerts.stream().anyMatch(l -> l.contains("\"packet\":")),
        "eve.json's alerts carry payload and packet");
    for (String type : List.of("http", "flow")) {
      assertTrue(
          eve.stream().anyMatch(l -> l.contains("\"event_type\":\"" + type + "\"")),
          "no " + type + " records in eve.json");
    }
  }

  @AfterAll
  static void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aRunShipsExactlyItsEveRecordsOfTheShippedTypesKeyedByFlowId() {
    List<ConsumerRecord<String, String>> shipped = consume("run", eveRecords.size());
    List<String> records = new ArrayList<>();
    for (ConsumerRecord<String, String> r : shipped) {
      if (shippedType(r.value())) {
        assertEquals(KafkaRecords.flowId(r.value()), r.key(), "key of " + r.value());
        assertTrue(r.value().contains("\"host\":\"" + SENSOR + "\""), r.value());
        records.add(withoutHost(r.value()));
      }
    }
    assertSameRecords(eveRecords, records);
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
            "outputs.kafka.state-topic=killed-state",
            "--set",
            "sensor-name=" + SENSOR,
            "--batch",
            "25",
            "--types",
            String.join(",", TYPES),
            "--give-up-after",
            GIVE_UP));
    Path out = dir.resolve("killed-shipper.out");
    Process shipper =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    long t0 = System.nanoTime();
    int seen;
    try {
      seen = KafkaRecords.awaitSome(broker.bootstrap(), "killed", 200, shipper);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the shipper said: " + Files.readString(out), e);
    } finally {
      // never left running past its test, whatever failed
      shipper.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    int atKill = KafkaRecords.countCommitted(broker.bootstrap(), "killed");
    System.out.printf(
        "ShipKafkaTest: shipper killed with %d of %d records committed%n",
        atKill, eveRecords.size());
    assertTrue(
        atKill >= seen && atKill < eveRecords.size(), "the kill did not land mid-ship: " + atKill);

    long t1 = System.nanoTime();
    CliRun again = ship("killed", "25");
    assertEquals(0, again.code(), again.err());
    System.out.printf(
        "ShipKafkaTest: killed %d ms after start; the second shipper took %d ms: %s%n",
        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, again.out().strip());
    assertSameRecords(eveRecords, recordsOf(consume("killed", eveRecords.size())));
  }

  @Test
  void aBrokerKilledAndStartedAgainMidShipLosesAndDuplicatesNothing() throws Exception {
    long t0 = System.nanoTime();
    CompletableFuture<CliRun> shipping = CompletableFuture.supplyAsync(() -> ship("outage", "25"));
    KafkaRecords.awaitSome(broker.bootstrap(), "outage", 200, null);
    broker.kill();
    Thread.sleep(2000);
    assertFalse(shipping.isDone(), "the shipper finished while the broker was down");
    long t1 = System.nanoTime();
    broker.start();
    long t2 = System.nanoTime();
    // the shipper gives up GIVE_UP seconds after its last progress: it has returned by then
    CliRun done = shipping.get(Long.parseLong(GIVE_UP) + 60, TimeUnit.SECONDS);
    assertEquals(
        0, done.code(), "the shipper did not recover once the broker was back: " + done.err());
    System.out.printf(
        "ShipKafkaTest: broker killed %d ms into shipping, back after %d ms, shipper done %d ms"
            + " later: %s%n",
        (t1 - t0) / 1_000_000 - 2000,
        (t2 - t1) / 1_000_000,
        (System.nanoTime() - t2) / 1_000_000,
        done.out().strip());
    assertSameRecords(eveRecords, recordsOf(consume("outage", eveRecords.size())));
  }

  @Test
  void shippingThroughputAndCpuPerRecord() throws Exception {
    // the run's records five times over, so the fixed cost of connecting weighs little
    Path big = dir.resolve("logs-5x");
    List<LogRecord> once = new ArrayList<>();
    try (var reader = AlertLogReader.open(logs)) {
      while (reader.nextRecord((index, r) -> once.add(r))) {
        // until nothing more
      }
    }
    try (var log = AlertLog.open(big, AlertLogConfig.DEFAULT)) {
      for (int i = 0; i < 5; i++) {
        for (LogRecord r : once) {
          switch (r) {
            case LogRecord.Event(var e) -> log.appendRecord(e);
            case LogRecord.Stats st ->
                log.appendStats(st.timestampNanos(), st.uptimeSeconds(), st.counters());
          }
        }
      }
    }
    int n = once.size() * 5;
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
            "outputs.kafka.state-topic=speed-state",
            "--types",
            String.join(",", TYPES),
            "--set",
            "sensor-name=" + SENSOR);
    long wall = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    assertEquals(0, r.code(), r.err());
    Matcher busy = Pattern.compile("in (\\d+) ms").matcher(r.out());
    assertTrue(busy.find(), r.out());
    long busyMs = Long.parseLong(busy.group(1));
    System.out.printf(
        "ShipKafkaTest: vigil ship %d alert+http+flow records in %d ms (%.0f records/s) of which"
            + " %d ms in transactions (%.0f records/s); %.1f us CPU per record in the shipping JVM;"
            + " broker on the same 2-core machine, shared with other builds%n",
        n, wall / 1_000_000, n * 1e9 / wall, busyMs, n * 1e3 / Math.max(1, busyMs), cpu / 1e3 / n);
    List<ConsumerRecord<String, String>> shipped = consume("speed", n);
    assertEquals(n, recordsOf(shipped).size());
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

  /**
   * A broker away while the sensor goes on writing: the disk budget drops the oldest cycle files,
   * the records in them that were not shipped are counted as lost (records, not occurrences), and
   * every other record is in the topic once.
   */
  @Test
  void aDiskBudgetDropsTheOldestUnshippedRecordsAndCountsThem() throws Exception {
    Path budgetLogs = dir.resolve("logs-budget");
    List<AlertEvent> alerts = new ArrayList<>();
    try (var reader = AlertLogReader.open(logs)) {
      while (alerts.size() < 600
          && reader.next((java.util.function.Consumer<AlertEvent>) alerts::add)) {
        // the first 600
      }
    }
    SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-20T12:00:00Z"));
    AlertLogConfig hourly =
        new AlertLogConfig(AlertLogConfig.Cycle.HOURLY, 0, 0, SyncMode.NONE, AlertLogConfig.ALERTS);
    int perHour = 100;
    try (AlertLog log = AlertLog.open(budgetLogs, hourly, clock)) {
      for (int h = 0; h < 2; h++) {
        alerts.subList(h * perHour, (h + 1) * perHour).forEach(log::append);
        clock.advanceMillis(3_600_000L);
      }
    }
    CliRun first = shipBudget(budgetLogs);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains(" 200 records shipped"), first.out());
    // the broker "away": the sensor writes four more hours under a budget of about two files
    long twoFiles = 0;
    for (Path p : cycleFiles(budgetLogs)) {
      twoFiles += Files.size(p);
    }
    long budget = twoFiles + twoFiles / 4;
    long deleted;
    try (AlertLog log = AlertLog.open(budgetLogs, hourly.withBudget(budget), clock)) {
      for (int h = 2; h < 6; h++) {
        alerts.subList(h * perHour, (h + 1) * perHour).forEach(log::append);
        clock.advanceMillis(3_600_000L);
      }
      deleted = log.recordsDeleted();
    }
    long kept;
    try (var reader = AlertLogReader.open(budgetLogs)) {
      kept = reader.drain(a -> {});
    }
    long lost = 600 - 200 - kept;
    System.out.printf(
        "ShipKafkaTest: disk budget %d bytes: %d records deleted, %d of them not shipped%n",
        budget, deleted, lost);
    assertTrue(lost > 0 && lost % perHour == 0, "lost " + lost + ", kept " + kept);
    long onDisk = 0;
    for (Path p : cycleFiles(budgetLogs)) {
      onDisk += Files.size(p);
    }
    assertTrue(onDisk <= budget, onDisk + " bytes on disk, budget " + budget);
    CliRun second = shipBudget(budgetLogs);
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains(" " + kept + " records shipped"), second.out());
    assertTrue(second.out().contains("; " + lost + " lost to the disk budget"), second.out());
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      if (i < 200 || i >= 200 + lost) {
        expected.add(KafkaRecords.eveOf(alerts.get(i)));
      }
    }
    assertSameRecords(expected, recordsOf(consume("budget", expected.size())));
  }

  private static CliRun shipBudget(Path logDir) {
    return CliRun.of(
        "ship",
        logDir.toString(),
        "--bootstrap-servers",
        broker.bootstrap(),
        "--topic",
        "budget",
        "--set",
        "outputs.kafka.state-topic=budget-state",
        "--set",
        "sensor-name=" + SENSOR);
  }

  private static List<Path> cycleFiles(Path logDir) throws java.io.IOException {
    try (var s = Files.list(logDir.resolve(AlertLog.DIR_NAME))) {
      return s.filter(p -> p.toString().endsWith(".cq4")).toList();
    }
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
              kafka: {enabled: yes, bootstrap-servers: "127.0.0.1:%d", topic: backlog, state-topic: backlog-state, drain-timeout: 0}
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
            "outputs.kafka.state-topic=backlog-state",
            "--set",
            "sensor-name=" + SENSOR,
            "--give-up-after",
            GIVE_UP);
    assertEquals(0, drained.code(), drained.err());
    assertSameRecords(backlog, alertsOf(consume("backlog", backlog.size())));
  }

  private static long timedRun(Path rules, Path yaml, Path logDir) {
    long t0 = System.nanoTime();
    ShipFixture.run(rules, yaml, logDir);
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
        "outputs.kafka.state-topic=" + topic + "-state",
        "--set",
        "sensor-name=" + SENSOR,
        "--batch",
        batch,
        "--types",
        String.join(",", TYPES),
        "--give-up-after",
        GIVE_UP);
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int atLeast) {
    return KafkaRecords.consume(broker.bootstrap(), topic, atLeast);
  }
}
