package org.vigil.thread.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.BooleanSupplier;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * A bounded lock-free queue between two stages (JCTools): packets and {@link Control} messages. A
 * full queue pushes back on the producer (it waits, counted as {@code full_waits}); counters say
 * how much went through and how deep it got. Single producer unless made with {@link #mpsc}.
 */
public final class PacketQueue {
  private final String name;
  private final Queue<Object> q;
  private final int capacity;
  private final Idle producerIdle = Idle.producer();
  private final Idle consumerIdle = Idle.consumer();
  private long enqueued;
  private final java.util.concurrent.atomic.LongAdder sharedEnqueued =
      new java.util.concurrent.atomic.LongAdder();
  private long fullWaits;
  private long dequeued;
  private long emptyWaits;
  private int maxDepth;

  private PacketQueue(String name, Queue<Object> q, int capacity) {
    this.name = name;
    this.q = q;
    this.capacity = capacity;
  }

  /** A single-producer single-consumer queue of {@code capacity} slots. */
  public static PacketQueue spsc(String name, int capacity) {
    return new PacketQueue(name, new SpscArrayQueue<>(capacity), capacity);
  }

  /**
   * A multi-producer single-consumer queue of {@code capacity} slots (producers put with {@link
   * #putShared}).
   */
  public static PacketQueue mpsc(String name, int capacity) {
    return new PacketQueue(name, new MpscArrayQueue<>(capacity), capacity);
  }

  /** The queue's name, as in stats.json. */
  public String name() {
    return name;
  }

  /**
   * Puts {@code m} in, waiting while the queue is full; gives up (returns false) when {@code abort}
   * says so while waiting (the consumer died).
   */
  public boolean put(Object m, BooleanSupplier abort) {
    if (!q.offer(m)) {
      producerIdle.reset();
      do {
        fullWaits++;
        if (abort.getAsBoolean()) {
          return false;
        }
        producerIdle.idle();
      } while (!q.offer(m));
    }
    enqueued++;
    return true;
  }

  /**
   * Puts {@code m} in from any of several producers (counted in {@code enqueued} without a lock; no
   * wait counters), waiting while full; false if {@code abort} said so while waiting.
   */
  public boolean putShared(Object m, BooleanSupplier abort) {
    Idle idle = null;
    while (!q.offer(m)) {
      if (abort.getAsBoolean()) {
        return false;
      }
      if (idle == null) {
        idle = Idle.producer();
      }
      idle.idle();
    }
    sharedEnqueued.increment();
    return true;
  }

  /** Takes the next message, waiting while the queue is empty. */
  public Object take() {
    Object m = q.poll();
    if (m == null) {
      consumerIdle.reset();
      do {
        emptyWaits++;
        consumerIdle.idle();
        m = q.poll();
      } while (m == null);
    }
    dequeued++;
    if ((dequeued & 255) == 0) {
      int d = q.size();
      if (d > maxDepth) {
        maxDepth = d;
      }
    }
    return m;
  }

  /** Takes the next message if there is one, else null. */
  public Object poll() {
    Object m = q.poll();
    if (m != null) {
      dequeued++;
    }
    return m;
  }

  /** The queue's counters for stats.json. */
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("capacity", (long) capacity);
    m.put("enqueued", enqueued + sharedEnqueued.sum());
    m.put("dequeued", dequeued);
    m.put("full_waits", fullWaits);
    m.put("empty_waits", emptyWaits);
    m.put("max_depth", (long) maxDepth);
    return m;
  }
}
