package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;
import org.vigil.thread.queue.PacketQueue;

/**
 * What a worker's wait on its empty input queue costs (not a JMH benchmark: the figure is CPU time,
 * which a loaded machine changes less than wall time): a producer puts bursts of messages with a
 * pause between them, as a reader that runs out of a worker's share for a while; the consumer takes
 * every message and its thread's CPU time is printed with the queue's {@code empty_waits}. Usage:
 * {@code java -cp benchmarks.jar org.vigil.bench.QueueHandoffMeasure <pause-us> <burst> <bursts>}
 * (e.g. {@code 300 16 5000}).
 */
public final class QueueHandoffMeasure {
  private QueueHandoffMeasure() {}

  public static void main(String[] args) throws InterruptedException {
    long pauseNanos = Long.parseLong(args[0]) * 1000L;
    int burst = Integer.parseInt(args[1]);
    int bursts = Integer.parseInt(args[2]);
    int total = burst * bursts;
    PacketQueue q = PacketQueue.spsc("handoff", 4096);
    long[] consumerCpu = new long[1];
    Thread consumer =
        new Thread(
            () -> {
              long sum = 0;
              for (int i = 0; i < total; i++) {
                sum += q.take().hashCode();
              }
              consumerCpu[0] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
              if (sum == 42) {
                System.out.print("");
              }
            });
    consumer.start();
    Integer[] messages = new Integer[total];
    for (int i = 0; i < total; i++) {
      messages[i] = i;
    }
    long t0 = System.nanoTime();
    for (int b = 0; b < bursts; b++) {
      for (int i = 0; i < burst; i++) {
        q.put(messages[b * burst + i], () -> false);
      }
      long until = System.nanoTime() + pauseNanos;
      for (long left = pauseNanos; left > 0; left = until - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    }
    consumer.join();
    System.out.printf(
        "messages %d wall %.0f ms consumer cpu %.1f ms empty_waits %s%n",
        total,
        (System.nanoTime() - t0) / 1e6,
        consumerCpu[0] / 1e6,
        q.counters().get("empty_waits"));
  }
}
