package org.vigil.ship;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FenceProducersOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A shipper's progress in Kafka: the alert log index of the last record it shipped, kept in a
 * compacted state topic under its transactional id and written inside the same transaction as the
 * records, so progress and records are committed (or aborted) together. Also creates the topics the
 * shipper writes when they are missing.
 */
final class ShipState implements AutoCloseable {
  /** How long reading the progress back may take before the attempt counts as failed. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final ShipConfig config;
  private final Admin admin;
  private final TopicPartition partition;
  private final byte[] key;

  ShipState(ShipConfig config) {
    this.config = config;
    this.admin = Admin.create(config.clientProperties(AdminClientConfig.configNames()));
    this.partition = new TopicPartition(config.stateTopic(), 0);
    this.key = config.transactionalId().getBytes(StandardCharsets.UTF_8);
  }

  /** Creates the record topic and the (compacted, one partition) state topic if missing. */
  void ensureTopics() throws InterruptedException, ExecutionException, TimeoutException {
    Optional<Short> rf =
        config.replicationFactor() > 0 ? Optional.of(config.replicationFactor()) : Optional.empty();
    Optional<Integer> parts =
        config.partitions() > 0 ? Optional.of(config.partitions()) : Optional.empty();
    Set<String> existing =
        admin.listTopics().names().get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    if (!existing.contains(config.topic())) {
      missing.add(new NewTopic(config.topic(), parts, rf));
    }
    if (!existing.contains(config.stateTopic())) {
      missing.add(
          new NewTopic(config.stateTopic(), Optional.of(1), rf)
              .configs(Map.of("cleanup.policy", "compact")));
    }
    for (var e : admin.createTopics(missing).values().entrySet()) {
      try {
        e.getValue().get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof TopicExistsException)) {
          throw ex;
        }
      }
    }
  }

  /**
   * The alert log index of the last record this shipper committed, or -1 when it never did. Reads
   * the state topic up to its end as of now with {@code read_committed}, after the open
   * transactions before that end are decided, so a transaction that a killed shipper left open
   * (aborted when the new producer initialised) never counts.
   */
  long readCommitted() throws InterruptedException, ExecutionException, TimeoutException {
    long end =
        admin
            .listOffsets(
                Map.of(partition, OffsetSpec.latest()),
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
            .partitionResult(partition)
            .get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .offset();
    Properties p = config.clientProperties(ConsumerConfig.configNames());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long last = -1;
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.assign(List.of(partition));
      c.seekToBeginning(List.of(partition));
      while (c.position(partition) < end) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "the state topic "
                  + config.stateTopic()
                  + " was not readable to its end (offset "
                  + end
                  + ") in "
                  + READ_TIMEOUT.toSeconds()
                  + " s; read_committed stopped at "
                  + c.position(partition)
                  + ": "
                  + StateTopicHold.describe(admin, partition, config.bootstrapServers()));
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.key() != null && java.util.Arrays.equals(r.key(), key) && r.value() != null) {
            last = parse(r.value());
          }
        }
      }
    } catch (KafkaException e) {
      throw new ExecutionException(e);
    }
    return last;
  }

  /**
   * Aborts the transactions of this shipper's transactional id left hanging on the state topic's
   * partition or the record topic's (see {@link HangingTransactions}); call it right after {@code
   * initTransactions}. Returns one sentence per transaction aborted.
   */
  List<String> abortOwnHanging() throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicPartition> parts = new ArrayList<>(List.of(partition));
    admin
        .describeTopics(List.of(config.topic()))
        .allTopicNames()
        .get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .get(config.topic())
        .partitions()
        .forEach(p -> parts.add(new TopicPartition(config.topic(), p.partition())));
    return HangingTransactions.abortOwn(admin, config.transactionalId(), parts);
  }

  /**
   * Fences this shipper's transactional id (a new epoch, as a new producer's {@code
   * initTransactions} would), which aborts its open transaction now instead of after its {@code
   * transaction.timeout.ms}; returns null when done, else why not.
   */
  String fence(Duration bound) {
    try {
      admin
          .fenceProducers(
              List.of(config.transactionalId()),
              new FenceProducersOptions().timeoutMs((int) bound.toMillis()))
          .all()
          .get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      return t.getClass().getSimpleName() + ": " + t.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The state record saying that everything up to alert log index {@code index} is shipped. */
  ProducerRecord<byte[], byte[]> record(long index) {
    return new ProducerRecord<>(
        config.stateTopic(), 0, key, Long.toString(index).getBytes(StandardCharsets.UTF_8));
  }

  private long parse(byte[] value) {
    try {
      return Long.parseLong(new String(value, StandardCharsets.US_ASCII).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "state topic "
              + config.stateTopic()
              + " holds '"
              + new String(value, StandardCharsets.UTF_8)
              + "' for "
              + config.transactionalId()
              + ", not an alert log index");
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
