package org.vigil.thread.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * A bounded lock-free queue between two stages (JCTools): packets and {@link Control} messages. A
 * full queue pushes back on the producer (it waits, counted as {@code full_waits}); a consumer
 * facing an empty queue spins briefly, then sleeps until a producer wakes it with the next message
 * (counted as {@code empty_waits}), or, waiting for a batch ({@link #awaitDepth}), with the message
 * that fills it; counters say how much went through, how deep it got and how long each side waited
 * ({@code full_wait_ms}, {@code empty_wait_ms}: the time a stage stood still). Single producer
 * unless made with {@link #mpsc}.
 */
public final class PacketQueue {
  /**
   * Longest sleep of a waiting consumer: the wake-up comes from the producer's put, this bound only
   * limits what a wake-up lost in a race would cost.
   */
  private static final long SLEEP_NANOS = 1_000_000L;

  private static final VarHandle SLEEPING;

  static {
    try {
      SLEEPING = MethodHandles.lookup().findVarHandle(PacketQueue.class, "sleeping", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final Queue<Object> q;
  private final int capacity;
  private final Idle producerIdle = Idle.producer();
  private final Idle consumerIdle = Idle.consumer();
  // the producer's and the consumer's counters, each written on every message by its own thread,
  // sit 128 bytes apart so the two threads do not pull one cache line back and forth
  private final long[] counts = new long[COUNTS];
  private static final int ENQUEUED = 0;
  private static final int FULL_WAITS = 1;
  private static final int FULL_NANOS = 2;
  private static final int DEQUEUED = 16;
  private static final int EMPTY_WAITS = 17;
  private static final int MAX_DEPTH = 18;
  private static final int EMPTY_NANOS = 19;
  private static final int COUNTS = 34;
  private final java.util.concurrent.atomic.LongAdder sharedEnqueued =
      new java.util.concurrent.atomic.LongAdder();
  private volatile Thread consumer;

  // set by the consumer while it sleeps on an empty queue (read by producers after each put)
  @SuppressWarnings("unused")
  private volatile boolean sleeping;

  // the depth a sleeping consumer waits for ({@link #awaitDepth}); 1 while it waits for any message
  private volatile int wakeDepth = 1;

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

  /** Slots the queue was made with. */
  public int capacity() {
    return capacity;
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
      long since = System.nanoTime();
      do {
        counts[FULL_WAITS]++;
        if (abort.getAsBoolean()) {
          return false;
        }
        producerIdle.idle();
      } while (!q.offer(m));
      counts[FULL_NANOS] += System.nanoTime() - since;
    }
    counts[ENQUEUED]++;
    wakeConsumer();
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
    wakeConsumer();
    return true;
  }

  /**
   * After a put: wakes the consumer if it sleeps. The fence orders the put before the read of the
   * flag, as the consumer orders its flag before its last look at the queue, so one of the two
   * always sees the other.
   */
  private void wakeConsumer() {
    VarHandle.fullFence();
    if ((boolean) SLEEPING.getOpaque(this) && (wakeDepth <= 1 || q.size() >= wakeDepth)) {
      LockSupport.unpark(consumer);
    }
  }

  /**
   * The consumer's wait for a batch: sleeps until {@code depth} messages are queued, an unpark
   * (another reason to wake) or {@code nanos} passed, whichever comes first. A producer wakes it
   * only with the put that fills the batch, so a consumer that drains with {@link #poll} wakes once
   * per batch instead of once per message; the bound limits how long fewer wait.
   */
  public void awaitDepth(int depth, long nanos) {
    if (consumer == null) {
      consumer = Thread.currentThread();
    }
    long since = System.nanoTime();
    wakeDepth = Math.max(1, Math.min(depth, capacity));
    SLEEPING.setVolatile(this, true);
    if (q.size() < wakeDepth) {
      counts[EMPTY_WAITS]++;
      LockSupport.parkNanos(this, nanos);
    }
    SLEEPING.setOpaque(this, false);
    wakeDepth = 1;
    counts[EMPTY_NANOS] += System.nanoTime() - since;
    int d = q.size();
    if (d > counts[MAX_DEPTH]) {
      counts[MAX_DEPTH] = d;
    }
  }

  /**
   * Takes the next message, waiting while the queue is empty: a few spins and yields, then it
   * sleeps until a put wakes it.
   */
  public Object take() {
    Object m = q.poll();
    if (m == null) {
      consumerIdle.reset();
      long since = System.nanoTime();
      while (true) {
        counts[EMPTY_WAITS]++;
        if (consumerIdle.spinning()) {
          consumerIdle.idle();
        } else {
          sleep();
        }
        m = q.poll();
        if (m != null) {
          break;
        }
      }
      counts[EMPTY_NANOS] += System.nanoTime() - since;
    }
    long d = ++counts[DEQUEUED];
    if ((d & 255) == 0) {
      int depth = q.size();
      if (depth > counts[MAX_DEPTH]) {
        counts[MAX_DEPTH] = depth;
      }
    }
    return m;
  }

  private void sleep() {
    if (consumer == null) {
      consumer = Thread.currentThread();
    }
    SLEEPING.setVolatile(this, true);
    if (q.isEmpty()) {
      LockSupport.parkNanos(this, SLEEP_NANOS);
    }
    SLEEPING.setOpaque(this, false);
  }

  /** Takes the next message if there is one, else null. */
  public Object poll() {
    Object m = q.poll();
    if (m != null) {
      counts[DEQUEUED]++;
    }
    return m;
  }

  /** The queue's counters for stats.json. */
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("capacity", (long) capacity);
    m.put("enqueued", counts[ENQUEUED] + sharedEnqueued.sum());
    m.put("dequeued", counts[DEQUEUED]);
    m.put("full_waits", counts[FULL_WAITS]);
    m.put("full_wait_ms", counts[FULL_NANOS] / 1_000_000);
    m.put("empty_waits", counts[EMPTY_WAITS]);
    m.put("empty_wait_ms", counts[EMPTY_NANOS] / 1_000_000);
    m.put("max_depth", counts[MAX_DEPTH]);
    return m;
  }
}
