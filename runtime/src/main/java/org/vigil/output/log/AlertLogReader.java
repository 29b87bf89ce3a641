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

  private AlertLogReader(Path dir, AlertLogConfig.Cycle cycle) {
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

  /** Reads the next alert into {@code sink}; false when none is available yet. */
  public boolean next(Consumer<? super AlertEvent> sink) {
    AlertEvent a;
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        return false;
      }
      if (!dc.isData()) {
        return true;
      }
      a = AlertCodec.read(dc.wire().bytes());
    }
    sink.accept(a);
    return true;
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
   */
  public boolean next(IndexedSink sink) {
    AlertEvent a;
    long index;
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        return false;
      }
      if (!dc.isData()) {
        return true;
      }
      index = dc.index();
      a = AlertCodec.read(dc.wire().bytes());
    }
    sink.accept(index, a);
    return true;
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
