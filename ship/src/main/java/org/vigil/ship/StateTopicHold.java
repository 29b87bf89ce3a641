package org.vigil.ship;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Says why a {@code read_committed} reader of the state topic cannot reach its end: the open
 * transactions that hold its last stable offset back, with the transactional id that owns each
 * (another shipper's, which ends when it commits or times out) or none, or one whose coordinator no
 * longer tracks the transaction (a hanging transaction, which only an abort ends), so the operator
 * sees the cause instead of a shipper that retries in silence.
 */
final class StateTopicHold {
  private static final long ASK_SECONDS = 10;

  private StateTopicHold() {}

  /** Whether a transactional id in {@code state} has a transaction its coordinator will end. */
  private static boolean tracked(TransactionState state) {
    return switch (state) {
      case ONGOING, PREPARE_ABORT, PREPARE_COMMIT, PREPARE_EPOCH_FENCE -> true;
      case COMPLETE_ABORT, COMPLETE_COMMIT, EMPTY, UNKNOWN -> false;
    };
  }

  /** What holds {@code partition} back, as one sentence; never throws. */
  static String describe(Admin admin, TopicPartition partition, String bootstrap) {
    try {
      List<ProducerState> open = new ArrayList<>();
      for (ProducerState p :
          admin
              .describeProducers(List.of(partition))
              .partitionResult(partition)
              .get(ASK_SECONDS, TimeUnit.SECONDS)
              .activeProducers()) {
        if (p.currentTransactionStartOffset().isPresent()) {
          open.add(p);
        }
      }
      if (open.isEmpty()) {
        return "no transaction is open on "
            + partition
            + " (the broker may still be loading it, or the partition has no leader)";
      }
      Map<Long, TransactionListing> owners = new HashMap<>();
      Collection<TransactionListing> txns =
          admin.listTransactions().all().get(ASK_SECONDS, TimeUnit.SECONDS);
      for (TransactionListing t : txns) {
        owners.put(t.producerId(), t);
      }
      long now = System.currentTimeMillis();
      StringBuilder sb = new StringBuilder("held back by ");
      for (int i = 0; i < open.size(); i++) {
        ProducerState p = open.get(i);
        TransactionListing owner = owners.get(p.producerId());
        long start = p.currentTransactionStartOffset().getAsLong();
        sb.append(i == 0 ? "" : "; ")
            .append("the transaction of producer ")
            .append(p.producerId())
            .append(" (epoch ")
            .append(p.producerEpoch())
            .append(") open from offset ")
            .append(start)
            .append(", last written ")
            .append(Math.max(0, now - p.lastTimestamp()) / 1000)
            .append(" s ago, ");
        if (owner != null && tracked(owner.state())) {
          sb.append("of transactional id ")
              .append(owner.transactionalId())
              .append(" (")
              .append(owner.state())
              .append("): it ends when that producer commits or aborts, or after its")
              .append(" transaction.timeout.ms");
        } else {
          sb.append(
                  owner == null
                      ? "which no transactional id owns"
                      : "of transactional id "
                          + owner.transactionalId()
                          + ", whose coordinator no longer tracks it ("
                          + owner.state()
                          + "; a shipper of that id aborts it when it starts)")
              .append(": a hanging transaction that only an abort")
              .append(" ends (kafka-transactions.sh --bootstrap-server ")
              .append(bootstrap)
              .append(" abort --topic ")
              .append(partition.topic())
              .append(" --partition ")
              .append(partition.partition())
              .append(" --start-offset ")
              .append(start)
              .append(")");
        }
      }
      return sb.toString();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      return "its open transactions could not be described ("
          + t.getClass().getSimpleName()
          + ": "
          + t.getMessage()
          + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while describing its open transactions";
    }
  }
}
