package org.vigil.ship;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.vigil.output.log.AlertLogReader;
import org.vigil.output.log.LogRecord;

/**
 * Ships a log directory's durable log to Kafka, exactly once: reads the records after the last
 * index committed in the state topic, renders each of the shipped types as its eve.json record, and
 * produces them keyed by {@code flow_id} (stats records by the sensor name) in transactions that
 * also write the new last index to the state topic. A commit that timed out is committed again; any
 * other failure (broker away, fenced) aborts the transaction, drops the producer and starts again
 * from what Kafka says was committed, so a record is in the topic once whatever dies when. No
 * transaction is left open behind it: a new producer's {@code initTransactions} ends the last one,
 * the shipper aborts those of its id a broker crash left hanging, and on its way out it fences a
 * transaction it could not end. Runs on the thread that calls {@link #run}; the Chronicle log is
 * the buffer, so nothing here ever waits on the detection path or makes it wait. {@link #stop} and
 * {@link #abort} may be called from any thread.
 */
public final class Shipper {
  /** How long the loop sleeps when the log has nothing new. */
  static final long IDLE_MILLIS = 20;

  private static final long MAX_BACKOFF_MILLIS = 5_000;

  /** How many times a commit that timed out is tried in all before the producer is dropped. */
  static final int COMMIT_ATTEMPTS = 3;

  /** How long ending an open transaction on the way out (fencing its transactional id) may take. */
  static final Duration FENCE_BOUND = Duration.ofSeconds(10);

  private final Path logDir;
  private final ShipConfig config;
  private final Consumer<String> problems;
  private final long startNanos = System.nanoTime();
  private final AtomicLong shipped = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong lagRecords = new AtomicLong();
  private final AtomicLong busyNanos = new AtomicLong();
  private volatile long committed = -1;
  private volatile long behindSinceNanos = -1;
  private volatile boolean stopping;
  private volatile boolean aborted;
  private volatile Producer<byte[], byte[]> producer;

  /** A transaction is begun and neither committed nor aborted yet. */
  private boolean inTransaction;

  /**
   * A transaction may still be open in Kafka: its producer was dropped (closed, or its commit timed
   * out) before it ended; the next producer's {@code initTransactions}, or a fence on the way out,
   * ends it.
   */
  private boolean maybeOpen;

  private long lastStatsNanos = System.nanoTime();

  /** How long failures may follow each other with no progress before {@link #run} gives up. */
  private Duration giveUpAfter = Duration.ZERO;

  private volatile String gaveUp;

  /** The records deleted before they were read, counted once each. */
  private final LossCount losses = new LossCount();

  /**
   * A shipper of {@code logDir}'s alert log; {@code problems} hears each failure (then the shipper
   * retries).
   */
  public Shipper(Path logDir, ShipConfig config, Consumer<String> problems) {
    this.logDir = logDir;
    this.config = config;
    this.problems = problems;
  }

  /**
   * Ships until the alert log has nothing more (when {@code follow} is false, or after {@link
   * #stop}), or until {@link #abort}. Failures are retried with a growing pause; what was not
   * committed is shipped by the next run.
   */
  public void run(boolean follow) throws InterruptedException {
    try (AlertLogReader reader = AlertLogReader.open(logDir);
        EveRenderer eve =
            new EveRenderer(config.sensorName(), config.communityIdSeed(), config.types())) {
      Batch batch = new Batch(config.batch());
      long backoff = 100;
      long progressAt = System.nanoTime();
      ShipState state = null;
      while (!aborted) {
        try {
          if (producer == null) {
            state = connect(reader);
          }
          batch.clear();
          while (batch.wanted()
              && reader.nextRecord((index, r) -> read(reader, eve, batch, index, r))) {
            // nextRecord() returns false once nothing more is there
          }
          skipped.set(reader.skipped());
          if (batch.isEmpty()) {
            progressAt = System.nanoTime();
            behindSinceNanos = -1;
            lagRecords.set(0);
            if (!follow || stopping) {
              break;
            }
            statsTick(reader, eve);
            Thread.sleep(IDLE_MILLIS);
            continue;
          }
          if (behindSinceNanos < 0) {
            behindSinceNanos = System.nanoTime();
          }
          ship(state, batch);
          statsTick(reader, eve);
          backoff = 100;
          progressAt = System.nanoTime();
        } catch (KafkaException | IllegalStateException | ExecutionException | TimeoutException e) {
          if (aborted) {
            break;
          }
          failures.incrementAndGet();
          endFailedTransaction();
          closeProducer(state);
          state = null;
          long stuck = System.nanoTime() - progressAt;
          if (!giveUpAfter.isZero() && stuck >= giveUpAfter.toNanos()) {
            gaveUp =
                "nothing shipped for "
                    + stuck / 1_000_000_000L
                    + " s of failures; the last: "
                    + describe(e);
            break;
          }
          problems.accept(describe(e) + " (retrying)");
          Thread.sleep(backoff);
          backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
      }
      if (!aborted) {
        countLostAtEnd(reader);
        lagRecords.set(reader.countAfter(committed));
        finalStats(eve);
      }
      maybeOpen |= inTransaction;
      closeProducer(state);
      fenceLeftovers();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Takes the record at {@code index} into the batch: rendered when its type is shipped, else only
   * as progress; first counts the records retention deleted before this one was read.
   */
  private void read(AlertLogReader reader, EveRenderer eve, Batch batch, long index, LogRecord r) {
    long lost = losses.read(reader, index);
    if (lost > 0) {
      overflow.addAndGet(lost);
      problems.accept(
          lost
              + " records before log index "
              + index
              + " were deleted (disk budget or retention) before they were shipped");
    }
    byte[] value = eve.render(r);
    if (value.length == 0) {
      batch.pass(index);
      return;
    }
    long flowId = r.flowId();
    byte[] key =
        r instanceof LogRecord.Stats
            ? config.sensorName().getBytes(StandardCharsets.UTF_8)
            : flowId == 0 ? null : Long.toString(flowId).getBytes(StandardCharsets.US_ASCII);
    ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(config.topic(), key, value);
    pr.headers().add("vigil.index", Long.toString(index).getBytes(StandardCharsets.US_ASCII));
    batch.add(index, pr);
  }

  /**
   * The shipper caught up and ends: the records deleted after the last one read (no newer record
   * was there to count them) are lost too.
   */
  private void countLostAtEnd(AlertLogReader reader) {
    long lost = losses.atEnd(reader);
    if (lost > 0) {
      overflow.addAndGet(lost);
      problems.accept(
          lost
              + " records after the last one read were deleted (disk budget or retention) before"
              + " they were shipped");
    }
  }

  /**
   * A new producer (fencing any earlier one with the same transactional id and aborting its open
   * transaction), the topics, and the reader placed after the last committed record.
   */
  private ShipState connect(AlertLogReader reader)
      throws InterruptedException, ExecutionException, TimeoutException {
    ShipState state = new ShipState(config);
    try {
      KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(config.producerProperties());
      producer = p;
      if (aborted) {
        throw new KafkaException("aborted");
      }
      p.initTransactions();
      maybeOpen = false;
      inTransaction = false;
      state.ensureTopics();
      abortOwnHanging(state);
      long last = state.readCommitted();
      // when retention deleted records after 'last', reading resumes at the oldest record kept and
      // read() counts the records lost
      reader.seekAfter(last);
      losses.resumeAfter(last);
      committed = last;
      return state;
    } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
      closeProducer(state);
      throw e;
    }
  }

  /**
   * Aborts what a broker crash left hanging of this shipper's transactions (see {@link
   * HangingTransactions}); best effort: without the rights to describe and abort transactions (a
   * secured cluster) it says why and ships on, and the state topic's read names what holds it.
   */
  private void abortOwnHanging(ShipState state) throws InterruptedException {
    try {
      for (String aborted : state.abortOwnHanging()) {
        problems.accept(aborted);
      }
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      problems.accept(
          "could not look for hanging transactions of "
              + config.transactionalId()
              + ": "
              + describe(e));
    }
  }

  /**
   * One transaction: the records, then the state record saying that the log is shipped up to the
   * last record read (records of types not shipped count as shipped).
   */
  private void ship(ShipState state, Batch batch) {
    long t0 = System.nanoTime();
    Producer<byte[], byte[]> p = producer;
    begin(p);
    for (ProducerRecord<byte[], byte[]> r : batch.records()) {
      p.send(r);
    }
    long last = batch.lastIndex();
    p.send(state.record(last));
    commit(p);
    committed = last;
    shipped.addAndGet(batch.records().size());
    transactions.incrementAndGet();
    busyNanos.addAndGet(System.nanoTime() - t0);
  }

  /**
   * Sends a stats record (in its own transaction, keyed by the sensor name) when the stats interval
   * has passed.
   */
  private void statsTick(AlertLogReader reader, EveRenderer eve) {
    if (config.statsInterval().isZero()) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastStatsNanos < config.statsInterval().toNanos()) {
      return;
    }
    lastStatsNanos = now;
    lagRecords.set(reader.countAfter(committed));
    sendStats(eve);
  }

  /** The last stats record of a shipper that ends caught up (best effort: it is only a record). */
  private void finalStats(EveRenderer eve) {
    if (config.statsInterval().isZero() || producer == null) {
      return;
    }
    try {
      sendStats(eve);
    } catch (KafkaException | IllegalStateException e) {
      problems.accept("the final stats record was not shipped: " + describe(e));
    }
  }

  private void sendStats(EveRenderer eve) {
    long now = System.nanoTime();
    Producer<byte[], byte[]> p = producer;
    begin(p);
    p.send(
        new ProducerRecord<>(
            config.topic(),
            config.sensorName().getBytes(StandardCharsets.UTF_8),
            eve.stats(
                System.currentTimeMillis() * 1_000_000L,
                (now - startNanos) / 1_000_000_000L,
                Map.of("ship", counters()))));
    commit(p);
  }

  private void begin(Producer<byte[], byte[]> p) {
    p.beginTransaction();
    inTransaction = true;
  }

  /**
   * Commits the transaction begun. A commit that timed out may be completing in Kafka, so it is
   * only tried again (never aborted), up to {@link #COMMIT_ATTEMPTS} times in all; then the
   * exception goes to the caller with the transaction counted as possibly open.
   */
  private void commit(Producer<byte[], byte[]> p) {
    for (int attempt = 1; ; attempt++) {
      try {
        p.commitTransaction();
        inTransaction = false;
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException
          | org.apache.kafka.common.errors.InterruptException e) {
        if (aborted
            || attempt >= COMMIT_ATTEMPTS
            || e instanceof org.apache.kafka.common.errors.InterruptException) {
          inTransaction = false;
          maybeOpen = true;
          throw e;
        }
        problems.accept(describe(e) + " (committing again, attempt " + (attempt + 1) + ")");
      }
    }
  }

  /**
   * After a failure inside a transaction: aborts it (within the producer's {@code max.block.ms})
   * when the failure allows it; a commit that timed out or an abort that failed leaves it possibly
   * open, for the next producer's {@code initTransactions} or the fence on the way out to end.
   */
  private void endFailedTransaction() {
    if (!inTransaction) {
      return;
    }
    inTransaction = false;
    Producer<byte[], byte[]> p = producer;
    if (aborted || p == null) {
      maybeOpen = true;
      return;
    }
    try {
      p.abortTransaction();
    } catch (KafkaException | IllegalStateException abortFailed) {
      maybeOpen = true;
      problems.accept(
          "the failed transaction was not aborted ("
              + describe(abortFailed)
              + "); it is fenced before anything more is shipped");
    }
  }

  /**
   * On the way out with a transaction possibly left open (a commit that timed out, a failure, an
   * {@link #abort}): fences the transactional id, so that open transaction is aborted now and holds
   * back no {@code read_committed} reader (the next shipper's read of the state topic included)
   * until its {@code transaction.timeout.ms}.
   */
  private void fenceLeftovers() {
    if (!maybeOpen) {
      return;
    }
    String failed;
    try (ShipState s = new ShipState(config)) {
      failed = s.fence(FENCE_BOUND);
    } catch (KafkaException e) {
      failed = describe(e);
    }
    if (failed == null) {
      maybeOpen = false;
      return;
    }
    problems.accept(
        "the transaction of "
            + config.transactionalId()
            + " that may be open was not fenced ("
            + failed
            + "): it ends when the next shipper with that id starts, or after"
            + " transaction.timeout.ms");
  }

  /**
   * The shipper's counters: records shipped, transactions, failures, overflow (records deleted by
   * the disk budget or retention before they were shipped), skipped (records in the log that are
   * not Vigil's: foreign or damaged), lag in records (at the end of a run, and as last measured)
   * and in seconds (how long the shipper has been behind the log), and the time spent in
   * transactions that committed.
   */
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shipped", shipped.get());
    m.put("transactions", transactions.get());
    m.put("failures", failures.get());
    m.put("overflow", overflow.get());
    m.put("skipped", skipped.get());
    m.put("lag_records", lagRecords.get());
    long since = behindSinceNanos;
    m.put("lag_seconds", since < 0 ? 0 : (System.nanoTime() - since) / 1_000_000_000L);
    m.put("committed_index", committed);
    m.put("busy_ms", busyNanos.get() / 1_000_000);
    return m;
  }

  /**
   * Makes {@link #run} give up (return, with {@link #gaveUp} saying why) once failures followed
   * each other for {@code bound} with nothing shipped; zero (the default) retries for ever, as a
   * sensor's own output does (the alert log is its buffer).
   */
  public void giveUpAfter(Duration bound) {
    giveUpAfter = bound;
  }

  /** Why {@link #run} gave up, or null when it did not. */
  public String gaveUp() {
    return gaveUp;
  }

  /** Records shipped (committed) by this shipper. */
  public long shipped() {
    return shipped.get();
  }

  /** Asks {@link #run} to return once it has shipped everything the log holds. */
  public void stop() {
    stopping = true;
  }

  /**
   * Makes {@link #run} return now: an open transaction is dropped and, on the way out, fenced
   * (within {@link #FENCE_BOUND}) so Kafka aborts it at once; its records are shipped by the next
   * run.
   */
  public void abort() {
    aborted = true;
    Producer<byte[], byte[]> p = producer;
    if (p != null) {
      try {
        p.close(Duration.ZERO);
      } catch (KafkaException | IllegalStateException e) {
        // closing is all that is wanted
      }
    }
  }

  private void closeProducer(ShipState state) {
    Producer<byte[], byte[]> p = producer;
    producer = null;
    if (p != null) {
      try {
        p.close(aborted ? Duration.ZERO : Duration.ofSeconds(5));
      } catch (KafkaException | IllegalStateException e) {
        // a failed producer may fail to close; it is dropped either way
      }
    }
    if (state != null) {
      state.close();
    }
  }

  private static String describe(Exception e) {
    Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
