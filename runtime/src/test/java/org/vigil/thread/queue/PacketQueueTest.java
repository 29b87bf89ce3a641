package org.vigil.thread.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
