package org.vigil.output.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.vigil.output.AlertEvent;

/**
 * The durable alert log, the source of truth of a run's alerts: a Chronicle Queue in {@code
 * <logdir>/alerts/}, one binary record per alert ({@link AlertCodec}). When {@link #append}
 * returns, the record is in the memory-mapped file and is readable by other processes and survives
 * the death of this one (SIGKILL included). Rolls files by {@link AlertLogConfig#rollCycle()} and
 * deletes the oldest beyond the retention limits. Single-threaded: one appending thread.
 */
public final class AlertLog implements Closeable {

  /** The folder under a log directory that holds the queue. */
  public static final String DIR_NAME = "alerts";

  /** The file beside the queue that names its roll cycle and record layout, for readers. */
  static final String INFO_FILE = "vigil-alert-log.properties";

  /** The suffix of Chronicle's cycle files. */
  static final String CYCLE_SUFFIX = ".cq4";

  private final Path dir;
  private final AlertLogConfig config;
  private final ChronicleQueue queue;
  private final ExcerptAppender appender;
  private final RollCycle rollCycle;
  private int lastCycle = Integer.MIN_VALUE;
  private long appended;
  private long filesDeleted;

  /**
   * The queue file is mapped in blocks of this size (Chronicle's default: 64 MiB): the pages of a
   * block the appender left behind are unmapped, so the resident part of the log stays about two
   * blocks however many alerts a run writes, and the file grows in steps of this size.
   */
  static final long BLOCK_BYTES = 4L << 20;

  private AlertLog(Path dir, AlertLogConfig config, TimeProvider time) {
    this.dir = dir;
    this.config = config;
    this.queue =
        SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(config.rollCycle().chronicle)
            .blockSize(BLOCK_BYTES)
            .timeProvider(time)
            .syncMode(config.sync())
            .build();
    // an existing queue keeps the roll cycle it was created with (Chronicle says so in a warning)
    this.rollCycle = queue.rollCycle();
    this.appender = queue.createAppender();
  }

  /** Opens (creating if needed) the alert log of {@code logDir}. */
  public static AlertLog open(Path logDir, AlertLogConfig config) throws IOException {
    return open(logDir, config, SystemTimeProvider.INSTANCE);
  }

  /** As {@link #open(Path, AlertLogConfig)} with the clock that picks roll cycles (tests). */
  static AlertLog open(Path logDir, AlertLogConfig config, TimeProvider time) throws IOException {
    ChronicleSettings.apply();
    Path dir = logDir.resolve(DIR_NAME);
    Files.createDirectories(dir);
    AlertLog log = new AlertLog(dir, config, time);
    try {
      log.writeInfo();
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
    return log;
  }

  /** Writes (atomically) the note that tells readers the queue's roll cycle and record layout. */
  private void writeInfo() throws IOException {
    AlertLogConfig.Cycle cycle = config.rollCycle();
    for (AlertLogConfig.Cycle c : AlertLogConfig.Cycle.values()) {
      if (c.chronicle.lengthInMillis() == rollCycle.lengthInMillis()
          && c.chronicle.format().equals(rollCycle.format())) {
        cycle = c;
      }
    }
    String text =
        "# Vigil durable alert log (Chronicle Queue)\nroll-cycle="
            + cycle.name()
            + "\nlayout="
            + AlertCodec.VERSION
            + "\n";
    Path info = dir.resolve(INFO_FILE);
    if (Files.exists(info) && Files.readString(info).equals(text)) {
      return;
    }
    Path tmp = Files.createTempFile(dir, INFO_FILE, ".tmp");
    Files.writeString(tmp, text);
    Files.move(
        tmp,
        info,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Appends one alert and returns its queue index; when this returns the alert is durable against a
   * crash of this process and visible to readers.
   */
  public long append(AlertEvent alert) {
    try (DocumentContext dc = appender.writingDocument()) {
      AlertCodec.write(dc.wire().bytes(), alert);
    }
    long index = appender.lastIndexAppended();
    appended++;
    int cycle = rollCycle.toCycle(index);
    if (cycle != lastCycle) {
      lastCycle = cycle;
      enforceRetention();
    }
    return index;
  }

  /** The queue index of the last record in the log (written by any run), or -1 when it is empty. */
  public long lastIndex() {
    long last = queue.lastIndex();
    return last < 0 ? -1 : last;
  }

  /**
   * Reads the alerts after queue index {@code after} (-1: from the first record), skipping the
   * first {@code skip} of them, and gives each of the rest to {@code sink}; returns the index of
   * the last record read, or {@code after} when there was none. When {@code after} is no longer in
   * the log (retention deleted its file), reading starts at the oldest record kept.
   */
  public long replay(long after, long skip, Consumer<? super AlertEvent> sink) {
    long last = after;
    try (ExcerptTailer tailer = queue.createTailer()) {
      if (after >= 0 && tailer.moveToIndex(after)) {
        try (DocumentContext dc = tailer.readingDocument()) {
          // the record at 'after' is already in the file
        }
      } else {
        tailer.toStart();
      }
      long skipped = 0;
      while (true) {
        AlertEvent a;
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          if (dc.index() <= after) {
            continue;
          }
          last = dc.index();
          if (!dc.isData()) {
            continue;
          }
          a = AlertCodec.read(dc.wire().bytes());
        }
        if (skipped < skip) {
          skipped++;
        } else {
          sink.accept(a);
        }
      }
    }
    return last;
  }

  /** Alerts appended through this instance. */
  public long appended() {
    return appended;
  }

  /** Cycle files deleted by retention through this instance. */
  public long filesDeleted() {
    return filesDeleted;
  }

  /** The queue folder. */
  public Path dir() {
    return dir;
  }

  /** Deletes the oldest cycle files beyond the retention limits; never the newest. */
  void enforceRetention() {
    if (config.maxCycles() == 0 && config.maxBytes() == 0) {
      return;
    }
    List<Path> files = cycleFiles(dir);
    long total = 0;
    for (Path p : files) {
      total += sizeOf(p);
    }
    int count = files.size();
    boolean deleted = false;
    for (int i = 0; i < files.size() - 1; i++) {
      boolean tooMany = config.maxCycles() > 0 && count > config.maxCycles();
      boolean tooBig = config.maxBytes() > 0 && total > config.maxBytes();
      if (!tooMany && !tooBig) {
        break;
      }
      Path p = files.get(i);
      long size = sizeOf(p);
      try {
        if (Files.deleteIfExists(p)) {
          filesDeleted++;
          deleted = true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete old alert log file " + p, e);
      }
      count--;
      total -= size;
    }
    if (deleted) {
      queue.refreshDirectoryListing();
    }
  }

  /** The cycle files of a queue folder, oldest first (Chronicle's names sort by time). */
  static List<Path> cycleFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files =
          new ArrayList<>(
              s.filter(p -> p.getFileName().toString().endsWith(CYCLE_SUFFIX)).sorted().toList());
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    appender.close();
    queue.close();
  }
}
