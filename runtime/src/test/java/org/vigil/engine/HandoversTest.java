package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandoversTest {
  @Test
  void aWorkerAheadByTheLimitWaitsUntilTheRunTakesOne() throws Exception {
    Handovers<Integer> h = new Handovers<>(2);
    AtomicInteger wakes = new AtomicInteger();
    assertTrue(h.add(1, wakes::incrementAndGet, () -> false));
    assertTrue(h.add(2, wakes::incrementAndGet, () -> false));
    assertEquals(0, h.waits());
    CompletableFuture<Boolean> third =
        CompletableFuture.supplyAsync(() -> h.add(3, wakes::incrementAndGet, () -> false));
    // the run is told of the third before the worker waits, so it can take the oldest
    while (wakes.get() < 3) {
      Thread.onSpinWait();
    }
    Thread.sleep(50);
    assertFalse(third.isDone(), "three undecided with a limit of two: the worker waits");
    assertEquals(1, h.poll());
    assertTrue(third.get(5, TimeUnit.SECONDS));
    assertEquals(1, h.waits());
    assertEquals(2, h.poll());
    assertEquals(3, h.peek());
    assertEquals(3, h.poll());
    assertNull(h.poll());
  }

  @Test
  void aFailedRunReleasesTheWaitingWorker() throws Exception {
    Handovers<Integer> h = new Handovers<>(1);
    AtomicBoolean failed = new AtomicBoolean();
    assertTrue(h.add(1, () -> {}, failed::get));
    CompletableFuture<Boolean> second =
        CompletableFuture.supplyAsync(() -> h.add(2, () -> {}, failed::get));
    Thread.sleep(50);
    assertFalse(second.isDone());
    failed.set(true);
    assertFalse(second.get(5, TimeUnit.SECONDS), "the worker gives up when the run failed");
  }
}
