package org.vigil.ship;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * Ends the transactions a shipper's own transactional id left open on partitions its coordinator no
 * longer knows of. A new producer's {@code initTransactions} aborts the open transaction its
 * coordinator tracks, but a broker killed mid-transaction can come back with the coordinator's
 * record of which partitions the transaction wrote behind the partitions themselves: those
 * partitions then keep an open transaction (a hanging one) that no timeout and no later producer
 * ends, and every {@code read_committed} reader stops in front of it, the shipper reading its state
 * topic included. Right after {@code initTransactions}, while this shipper's transaction is not
 * begun, any open transaction of its producer id with an older epoch can only be such a leftover:
 * its records were never visible, and aborting it on the partition (what {@code kafka-transactions
 * abort} does) lets readers past it.
 */
final class HangingTransactions {
  private static final long ASK_SECONDS = 10;

  private HangingTransactions() {}

  /**
   * Aborts the open transactions of {@code transactionalId}'s producer id with an epoch older than
   * the current one on {@code partitions}; returns one sentence per transaction aborted. Does
   * nothing while the coordinator has a transaction of this id in progress.
   */
  static List<String> abortOwn(
      Admin admin, String transactionalId, Collection<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    TransactionDescription own =
        admin
            .describeTransactions(List.of(transactionalId))
            .description(transactionalId)
            .get(ASK_SECONDS, TimeUnit.SECONDS);
    if (own.state() != TransactionState.EMPTY
        && own.state() != TransactionState.COMPLETE_ABORT
        && own.state() != TransactionState.COMPLETE_COMMIT) {
      return List.of();
    }
    Map<TopicPartition, DescribeProducersResult.PartitionProducerState> states =
        admin.describeProducers(partitions).all().get(ASK_SECONDS, TimeUnit.SECONDS);
    List<String> aborted = new ArrayList<>();
    for (var e : states.entrySet()) {
      TopicPartition tp = e.getKey();
      for (ProducerState p : e.getValue().activeProducers()) {
        if (p.producerId() != own.producerId()
            || p.producerEpoch() >= own.producerEpoch()
            || p.currentTransactionStartOffset().isEmpty()) {
          continue;
        }
        admin
            .abortTransaction(
                new AbortTransactionSpec(
                    tp,
                    p.producerId(),
                    (short) p.producerEpoch(),
                    Math.max(0, p.coordinatorEpoch().orElse(0))))
            .all()
            .get(ASK_SECONDS, TimeUnit.SECONDS);
        aborted.add(
            "aborted a transaction of "
                + transactionalId
                + " (producer "
                + p.producerId()
                + ", epoch "
                + p.producerEpoch()
                + ") left open on "
                + tp
                + " from offset "
                + p.currentTransactionStartOffset().getAsLong()
                + ", which its coordinator no longer tracked");
      }
    }
    return aborted;
  }
}
