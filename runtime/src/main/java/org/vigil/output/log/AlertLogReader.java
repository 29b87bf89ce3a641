package org.vigil.output.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.RollingChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.vigil.output.AlertEvent;

/**
 * Reads a log directory's alert log from the start, read-only, while another process may be
 * appending to it ({@code vigil alerts}, {@code --follow}). Single-threaded.
 */
public final class AlertLogReader implements Closeable {
  private final ChronicleQueue queue;
  private final ExcerptTailer tailer;
  private final Path dir;
  private long skipped;
  private String lastSkipped;

  private AlertLogReader(Path dir, AlertLogConfig.Cycle cycle) {
    this.dir = dir;
    this.queue =
        SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(cycle.chronicle)
            .readOnly(true)
            .build();
    this.tailer = queue.createTailer();
  }

  /** True when {@code logDir} holds an alert log (its folder and queue metadata exist). */
  public static boolean exists(Path logDir) {
    Path dir = logDir.resolve(AlertLog.DIR_NAME);
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("metadata.cq4t"));
  }

  /**
   * Opens the alert log of {@code logDir} for reading from its first record.
   *
   * @throws IllegalArgumentException when the directory holds no alert log
   */
  public static AlertLogReader open(Path logDir) {
    if (!exists(logDir)) {
      throw new IllegalArgumentException(
          "no alert log in "
              + logDir
              + " (expected "
              + logDir.resolve(AlertLog.DIR_NAME)
              + "/ written by 'vigil run -l "
              + logDir
              + "')");
    }
    ChronicleSettings.apply();
    Path dir = logDir.resolve(AlertLog.DIR_NAME);
    return new AlertLogReader(dir, cycleOf(dir));
  }

  /** The roll cycle the writer recorded beside the queue (daily when the note is missing). */
  private static AlertLogConfig.Cycle cycleOf(Path dir) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(AlertLog.INFO_FILE))) {
      p.load(r);
      return AlertLogConfig.Cycle.valueOf(p.getProperty("roll-cycle", "DAILY"));
    } catch (IOException | IllegalArgumentException e) {
      return AlertLogConfig.DEFAULT.rollCycle();
    }
  }

  /**
   * Reads the next alert into {@code sink}; false when none is available yet. Records of other
   * types and records that are not Vigil's ({@link #skipped}) are passed over.
   */
  public boolean next(Consumer<? super AlertEvent> sink) {
    return next((index, a) -> sink.accept(a));
  }

  /** Receives an alert with its queue index. */
  @FunctionalInterface
  public interface IndexedSink {
    /** Takes the alert at queue index {@code index}. */
    void accept(long index, AlertEvent alert);
  }

  /**
   * Positions the reader after queue index {@code index} (-1: before the first record). False when
   * that record is no longer in the log (retention deleted its file): the reader then starts at the
   * oldest record kept.
   */
  public boolean seekAfter(long index) {
    if (index < 0) {
      tailer.toStart();
      return true;
    }
    if (tailer.moveToIndex(index)) {
      try (DocumentContext dc = tailer.readingDocument()) {
        // the record at 'index' itself was read before
      }
      return true;
    }
    tailer.toStart();
    return false;
  }

  /**
   * Reads the next alert into {@code sink} with its queue index; false when none is available yet.
   * Records of other types and records that are not Vigil's ({@link #skipped}) are passed over.
   */
  public boolean next(IndexedSink sink) {
    return nextRecord(
        (index, r) -> {
          if (r instanceof LogRecord.Event(AlertEvent a)) {
            sink.accept(index, a);
          }
        });
  }

  /** Receives a record with its queue index. */
  @FunctionalInterface
  public interface RecordSink {
    /** Takes the record at queue index {@code index}. */
    void accept(long index, LogRecord record);
  }

  /**
   * Reads the next record of any type into {@code sink} with its queue index; false when none is
   * available yet. A record that is not one Vigil wrote (foreign, damaged, or of a newer layout) is
   * counted in {@link #skipped} and passed over: true is returned without calling {@code sink}.
   */
  public boolean nextRecord(RecordSink sink) {
    LogRecord r;
    long index;
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        return false;
      }
      if (!dc.isData()) {
        return true;
      }
      index = dc.index();
      try {
        r = RecordCodec.read(dc.wire().bytes());
      } catch (BadRecordException e) {
        skipped++;
        lastSkipped = "index " + index + ": " + e.getMessage();
        return true;
      }
    }
    sink.accept(index, r);
    return true;
  }

  /** Records passed over because they are not records Vigil wrote. */
  public long skipped() {
    return skipped;
  }

  /** Why the last record counted in {@link #skipped} was refused, or null before any. */
  public String lastSkipped() {
    return lastSkipped;
  }

  /**
   * How many records after queue index {@code index} (-1: all) retention deleted (their cycle files
   * are gone), as the writers noted them: the records a shipper that got that far lost.
   */
  public long droppedAfter(long index) {
    return LogRetention.droppedAfter(dir, queue.rollCycle(), index);
  }

  /**
   * How many records between queue indexes {@code after} (-1: the start) and {@code index} (a
   * record still in the log) retention deleted: 0 when both are in one cycle.
   */
  public long droppedBetween(long after, long index) {
    if (after >= 0 && queue.rollCycle().toCycle(after) == queue.rollCycle().toCycle(index)) {
      return 0;
    }
    return Math.max(0, droppedAfter(after) - droppedAfter(index));
  }

  /** The queue index of the last record in the log, or -1 when it is empty. */
  public long lastIndex() {
    long last = queue.lastIndex();
    return last < 0 ? -1 : last;
  }

  /**
   * How many records the log holds after queue index {@code index} (-1: all of them), counted in
   * the cycle files still present.
   */
  public long countAfter(long index) {
    long last = lastIndex();
    if (last < 0 || index >= last) {
      return 0;
    }
    long first = queue.firstIndex();
    long from = index < 0 || index < first ? first : index + 1;
    // Chronicle counts [from, to): the record at 'last' is counted by adding one
    return ((RollingChronicleQueue) queue).countExcerpts(from, last) + 1;
  }

  /** Reads every alert available now; returns how many. */
  public long drain(Consumer<? super AlertEvent> sink) {
    long[] n = {0};
    Consumer<AlertEvent> counting =
        a -> {
          n[0]++;
          sink.accept(a);
        };
    while (next(counting)) {
      // next() returns false once nothing more is there
    }
    return n[0];
  }

  /** The queue index of the last record read, or 0 before the first. */
  public long lastReadIndex() {
    return tailer.lastReadIndex();
  }

  @Override
  public void close() {
    tailer.close();
    queue.close();
  }
}
