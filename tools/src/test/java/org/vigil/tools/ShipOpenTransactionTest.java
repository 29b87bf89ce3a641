package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.tools.KafkaRecords.assertSameRecords;
import static org.vigil.tools.KafkaRecords.openTransactions;
import static org.vigil.tools.KafkaRecords.openTransactionsAfterMarkers;
import static org.vigil.tools.KafkaRecords.recordsOf;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil ship} leaves no Kafka transaction open behind it, so a {@code read_committed} reader
 * (the next shipper reading its state topic, a consumer of the records) is never held back: a
 * commit stuck while the broker is frozen is committed again once it answers; a shipper stopped
 * with SIGTERM in the middle of a transaction fences it on its way out; and a transaction of its
 * own transactional id that a broker crash left hanging (its coordinator no longer tracks it, so
 * neither a new producer nor a timeout ends it) is aborted by the next shipper, which then ships
 * every record once. Each test has its own topic and state topic.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShipOpenTransactionTest {
  static final String SENSOR = ShipFixture.SENSOR;

  @TempDir static Path dir;
  static KafkaTestBroker broker;
  static Path logs;
  static List<String> eveRecords;

  @BeforeAll
  static void brokerAndRun() throws Exception {
    assumeTrue(
        Files.isDirectory(ShipFixture.CAPTURES),
        "corpus captures not found at " + ShipFixture.CAPTURES);
    broker = KafkaTestBroker.start(dir.resolve("broker"));
    Path yaml =
        ShipFixture.config(
            dir.resolve("vigil.yaml"),
            """
              alert-log:
                types: [alert, http, flow]
            """);
    logs = dir.resolve("logs");
    ShipFixture.run(ShipFixture.rules(dir), yaml, logs);
    eveRecords = ShipFixture.shippedRecords(logs);
    assertTrue(eveRecords.size() > 1000, "only " + eveRecords.size() + " records");
  }

  @AfterAll
  static void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aCommitStuckWhileTheBrokerIsFrozenIsCommittedAgainAndLeavesNothingOpen() throws Exception {
    CompletableFuture<CliRun> shipping =
        CompletableFuture.supplyAsync(() -> ship("frozen", "5", "90"));
    KafkaRecords.awaitSome(broker.bootstrap(), "frozen", 100, null);
    broker.pause();
    try {
      // longer than the producer's max.block.ms (15 s): the commit in flight times out
      Thread.sleep(20_000);
    } finally {
      broker.resume();
    }
    CliRun done = shipping.get(150, TimeUnit.SECONDS);
    assertEquals(0, done.code(), done.err());
    assertTrue(done.err().contains("(committing again, attempt 2)"), done.err());
    assertEquals(
        List.of(), openTransactionsAfterMarkers(broker.bootstrap(), "frozen", "frozen-state"));
    assertSameRecords(eveRecords, recordsOf(consume("frozen", eveRecords.size())));
  }

  @Test
  void aShipperStoppedMidTransactionFencesItOnItsWayOut() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(KafkaTestBroker.jvmFlags());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Vigil.class.getName()));
    cmd.addAll(shipArgs("stopped", "5", "90"));
    Path out = dir.resolve("stopped-shipper.out");
    Process shipper =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      KafkaRecords.awaitSome(broker.bootstrap(), "stopped", 100, shipper);
      // frozen broker: the shipper is inside a transaction when SIGTERM comes
      broker.pause();
      Thread.sleep(1_000);
      shipper.destroy();
      Thread.sleep(2_000);
      broker.resume();
      assertTrue(shipper.waitFor(60, TimeUnit.SECONDS), "the shipper did not stop");
    } finally {
      broker.resume();
      shipper.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String said = Files.readString(out);
    assertEquals(0, shipper.exitValue(), said);
    // at once, not after the transaction timeout (30 s)
    assertEquals(
        List.of(),
        openTransactionsAfterMarkers(broker.bootstrap(), "stopped", "stopped-state"),
        said);
    CliRun again = ship("stopped", "1000", "90");
    assertEquals(0, again.code(), again.err());
    assertSameRecords(eveRecords, recordsOf(consume("stopped", eveRecords.size())));
  }

  @Test
  void aTransactionOfItsOwnIdLeftHangingIsAbortedAndEveryRecordShipsOnce() throws Exception {
    CliRun first = ship("hanging", "1000", "90");
    assertEquals(0, first.code(), first.err());
    String transactionalId = "vigil-ship-" + SENSOR + "-hanging";
    leaveHanging(transactionalId, "hanging-state", "hanging");
    List<String> open = openTransactions(broker.bootstrap(), "hanging", "hanging-state");
    assertEquals(2, open.size(), "the hanging transaction is there: " + open);
    long t0 = System.nanoTime();
    // bounded below the state topic's read timeout: a shipper that waits for the hold gives up
    CliRun second = ship("hanging", "1000", "25");
    System.out.printf(
        "ShipOpenTransactionTest: the shipper after a hanging transaction took %d ms: %s%s%n",
        (System.nanoTime() - t0) / 1_000_000, second.err(), second.out().strip());
    assertEquals(0, second.code(), second.err());
    assertTrue(second.err().contains("aborted a transaction of " + transactionalId), second.err());
    assertTrue(second.out().contains(" 0 records shipped"), second.out());
    assertEquals(
        List.of(), openTransactionsAfterMarkers(broker.bootstrap(), "hanging", "hanging-state"));
    assertSameRecords(eveRecords, recordsOf(consume("hanging", eveRecords.size())));
  }

  /**
   * Makes what a broker crash can leave: a transaction of {@code transactionalId} open on {@code
   * stateTopic}'s partition and on {@code topic}'s first one, which the transaction coordinator no
   * longer tracks. The transaction is begun and written, then the broker is killed and the
   * coordinator's log cut back to where the transaction was not begun, as a crash that lost its
   * last writes would leave it.
   */
  private static void leaveHanging(String transactionalId, String stateTopic, String topic)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrap());
    p.put("transactional.id", transactionalId);
    p.put("max.block.ms", "30000");
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    Path coordinatorLog = newestSegment(broker.partitionDir("__transaction_state-0"));
    try {
      producer.initTransactions();
      long before = Files.size(coordinatorLog);
      producer.beginTransaction();
      // read as committed, this state record would have the whole log shipped again
      producer.send(new ProducerRecord<>(stateTopic, 0, transactionalId, "-1"));
      producer.send(new ProducerRecord<>(topic, 0, null, "{\"event_type\":\"hanging\"}"));
      producer.flush();
      assertTrue(Files.size(coordinatorLog) > before, "the coordinator logged no transaction");
      broker.kill();
      try (RandomAccessFile f = new RandomAccessFile(coordinatorLog.toFile(), "rw")) {
        f.setLength(before);
      }
    } finally {
      producer.close(Duration.ZERO);
    }
    broker.start();
  }

  private static Path newestSegment(Path partition) throws Exception {
    try (var s = Files.list(partition)) {
      return s.filter(f -> f.toString().endsWith(".log"))
          .max(Comparator.comparing(f -> f.getFileName().toString()))
          .orElseThrow();
    }
  }

  private static CliRun ship(String topic, String batch, String giveUp) {
    return CliRun.of(shipArgs(topic, batch, giveUp).toArray(String[]::new));
  }

  private static List<String> shipArgs(String topic, String batch, String giveUp) {
    return List.of(
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
        String.join(",", KafkaRecords.TYPES),
        "--give-up-after",
        giveUp);
  }

  private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> consume(
      String topic, int atLeast) {
    return KafkaRecords.consume(broker.bootstrap(), topic, atLeast);
  }
}
