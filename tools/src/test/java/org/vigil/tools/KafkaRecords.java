package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.vigil.output.AlertEvent;
import org.vigil.output.EveJsonWriter;

/**
 * What the shipping tests read back from Kafka: the committed records of a topic (read_committed),
 * each log index once, compared with eve.json's records; and the transactions left open.
 */
final class KafkaRecords {
  private KafkaRecords() {}

  /** The types the shipping tests ship. */
  static final List<String> TYPES = ShipFixture.TYPES;

  static final String SENSOR = ShipFixture.SENSOR;

  static boolean shippedType(String record) {
    for (String t : TYPES) {
      if (record.contains("\"event_type\":\"" + t + "\"")) {
        return true;
      }
    }
    return false;
  }

  /** The records of the shipped types, without the host field. */
  static List<String> recordsOf(List<ConsumerRecord<String, String>> records) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      if (shippedType(r.value())) {
        out.add(withoutHost(r.value()));
      }
    }
    return out;
  }

  static List<String> alertsOf(List<ConsumerRecord<String, String>> records) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      if (r.value().contains("\"event_type\":\"alert\"")) {
        out.add(withoutHost(r.value()));
      }
    }
    return out;
  }

  /** Same records, each as many times (eve.json's order is not the topic's across partitions). */
  static void assertSameRecords(List<String> expected, List<String> actual) {
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

  static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> m = new HashMap<>();
    for (String l : lines) {
      m.merge(l, 1, Integer::sum);
    }
    return m;
  }

  static String withoutHost(String record) {
    return record.replace(",\"host\":\"" + SENSOR + "\"", "");
  }

  static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }

  /**
   * Every committed record of {@code topic} (read_committed, from the start), waiting until at
   * least {@code atLeast} records of the shipped types are there, then reading to the end; checks
   * that no log index arrives twice.
   */
  static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int atLeast) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    Set<String> indexes = new HashSet<>();
    try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
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
          if (shippedType(r.value())) {
            alerts++;
            Header h = r.headers().lastHeader("vigil.index");
            assertNotNull(h, "no vigil.index header: " + r.value());
            String index = new String(h.value(), StandardCharsets.US_ASCII);
            assertTrue(indexes.add(index), "log index " + index + " shipped twice");
          }
        }
        if (batch.isEmpty() && alerts >= atLeast) {
          break;
        }
      }
    }
    return out;
  }

  static int countCommitted(String bootstrap, String topic) {
    int n = 0;
    try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
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
          if (shippedType(r.value())) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** Waits until {@code topic} has at least {@code n} committed records; returns how many. */
  static int awaitSome(String bootstrap, String topic, int n, Process alive)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (alive != null && !alive.isAlive()) {
        throw new AssertionError("the shipper exited with " + alive.exitValue());
      }
      try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
        if (c.listTopics().containsKey(topic)) {
          int got = countCommitted(bootstrap, topic);
          if (got >= n) {
            return got;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + n + " records in " + topic + " in time");
  }

  /**
   * The transactions still open on {@code topics}' partitions after waiting up to 10 s for them to
   * end: a committed transaction's markers reach its partitions just after the commit returns, and
   * one left open is ended only by its coordinator's timeout (30 s here) or a fence.
   */
  static List<String> openTransactionsAfterMarkers(String bootstrap, String... topics)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> open = openTransactions(bootstrap, topics);
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      open = openTransactions(bootstrap, topics);
    }
    return open;
  }

  /**
   * The transactions open on {@code topics}' partitions, one line each (none when every transaction
   * that wrote there ended).
   */
  static List<String> openTransactions(String bootstrap, String... topics) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    List<String> open = new ArrayList<>();
    try (Admin admin = Admin.create(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (var d :
          admin
              .describeTopics(List.of(topics))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .values()) {
        d.partitions().forEach(pi -> parts.add(new TopicPartition(d.name(), pi.partition())));
      }
      for (var e : admin.describeProducers(parts).all().get(30, TimeUnit.SECONDS).entrySet()) {
        for (ProducerState s : e.getValue().activeProducers()) {
          if (s.currentTransactionStartOffset().isPresent()) {
            open.add(e.getKey() + ": " + s);
          }
        }
      }
    }
    return open;
  }

  /** {@code a} as a renderer of the log prints it (its bytes as the run's eve-log asked). */
  static String eveOf(AlertEvent a) throws java.io.IOException {
    java.io.StringWriter out = new java.io.StringWriter();
    try (EveJsonWriter w = new EveJsonWriter(out, java.util.EnumSet.of(EveJsonWriter.Type.ALERT))) {
      w.withLoggedAlertOptions().write(a);
    }
    return out.toString().strip();
  }

  static final Pattern FLOW_ID = Pattern.compile("\"flow_id\":(\\d+)");

  static String flowId(String record) {
    Matcher m = FLOW_ID.matcher(record);
    return m.find() ? m.group(1) : null;
  }
}
