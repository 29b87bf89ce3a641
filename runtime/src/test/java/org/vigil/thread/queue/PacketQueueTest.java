package org.vigil.thread.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PacketQueueTest {
  @Test
  void aFullQueuePushesBackOnTheProducerAndLosesNothing() throws Exception {
    PacketQueue q = PacketQueue.spsc("w.in", 16);
    List<Object> got = new ArrayList<>();
    Thread consumer =
        new Thread(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                got.add(q.take());
              }
            });
    consumer.start();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(q.put(i, () -> false));
    }
    consumer.join();
    for (int i = 0; i < 10_000; i++) {
      assertEquals(i, got.get(i), "messages come out in order");
    }
    assertEquals(10_000L, q.counters().get("enqueued"));
    assertEquals(10_000L, q.counters().get("dequeued"));
  }

  @Test
  void aProducerGivesUpWhenToldWhileTheQueueIsFull() {
    PacketQueue q = PacketQueue.spsc("w.in", 16);
    for (int i = 0; i < 16; i++) {
      assertTrue(q.put(i, () -> false));
    }
    assertFalse(q.put(99, () -> true), "the consumer died: the producer stops waiting");
    assertTrue((Long) q.counters().get("full_waits") >= 1);
  }

  @Test
  void aConsumerAsleepOnAnEmptyQueueGetsEveryLaterMessageInOrder() throws Exception {
    PacketQueue q = PacketQueue.spsc("w.in", 64);
    List<Object> got = new ArrayList<>();
    Thread consumer =
        new Thread(
            () -> {
              for (int i = 0; i < 2_000; i++) {
                got.add(q.take());
              }
            });
    consumer.start();
    for (int i = 0; i < 2_000; i++) {
      if (i % 100 == 0) {
        // the consumer runs out of messages and goes to sleep before the next ones
        while (consumer.getState() != Thread.State.TIMED_WAITING && consumer.isAlive()) {
          Thread.onSpinWait();
        }
      }
      assertTrue(q.put(i, () -> false));
    }
    consumer.join();
    for (int i = 0; i < 2_000; i++) {
      assertEquals(i, got.get(i), "messages come out in order");
    }
    assertTrue((Long) q.counters().get("empty_waits") >= 20, "the consumer waited on each pause");
  }

  @Test
  void theProducersTimeOnAFullQueueIsCounted() throws Exception {
    PacketQueue q = PacketQueue.spsc("w.in", 16);
    for (int i = 0; i < 16; i++) {
      assertTrue(q.put(i, () -> false));
    }
    Thread producer = new Thread(() -> q.put(16, () -> false));
    producer.start();
    while (producer.getState() != Thread.State.TIMED_WAITING && producer.isAlive()) {
      Thread.onSpinWait();
    }
    // the producer stands still at least this long before the consumer makes room
    Thread.sleep(30);
    q.take();
    producer.join();
    assertTrue((Long) q.counters().get("full_wait_ms") >= 30, "counted: " + q.counters());
    assertEquals(0L, q.counters().get("empty_wait_ms"), "the consumer never waited");
  }

  /** A consumer waiting for a batch sleeps through the smaller puts and wakes at the batch's. */
  @Test
  @Timeout(60)
  void aConsumerAwaitingABatchIsWokenByThePutThatFillsIt() throws Exception {
    PacketQueue q = PacketQueue.mpsc("output.in", 64);
    List<Object> got = new ArrayList<>();
    Thread consumer =
        new Thread(
            () -> {
              // no bound: only a producer's put can end the wait
              q.awaitDepth(8, Long.MAX_VALUE);
              for (Object m = q.poll(); m != null; m = q.poll()) {
                got.add(m);
              }
            });
    consumer.start();
    while (consumer.getState() != Thread.State.TIMED_WAITING && consumer.isAlive()) {
      Thread.onSpinWait();
    }
    for (int i = 0; i < 8; i++) {
      assertTrue(q.putShared(i, () -> false));
    }
    consumer.join();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), got, "the whole batch, in order");
    assertEquals(1L, q.counters().get("empty_waits"), "one wait for the batch");
    assertEquals(8L, q.counters().get("max_depth"));
  }

  /** A batch already queued: the consumer does not sleep. */
  @Test
  void aConsumerAwaitingABatchAlreadyQueuedGoesOn() {
    PacketQueue q = PacketQueue.mpsc("output.in", 64);
    for (int i = 0; i < 20; i++) {
      assertTrue(q.putShared(i, () -> false));
    }
    q.awaitDepth(16, Long.MAX_VALUE);
    assertEquals(0L, q.counters().get("empty_waits"));
    assertEquals(20L, q.counters().get("max_depth"));
  }

  /** Fewer than a batch wait at most the bound, and none is lost. */
  @Test
  void fewerThanABatchWaitForTheBound() {
    PacketQueue q = PacketQueue.mpsc("output.in", 64);
    for (int i = 0; i < 3; i++) {
      assertTrue(q.putShared(i, () -> false));
    }
    q.awaitDepth(16, 1_000_000);
    List<Object> got = new ArrayList<>();
    for (Object m = q.poll(); m != null; m = q.poll()) {
      got.add(m);
    }
    assertEquals(List.of(0, 1, 2), got);
    assertEquals(1L, q.counters().get("empty_waits"));
  }
}
