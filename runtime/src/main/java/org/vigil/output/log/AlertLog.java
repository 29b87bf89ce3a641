package org.vigil.output.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.vigil.output.AlertEvent;
import org.vigil.output.OutputEvent;
import org.vigil.output.RecordText;

/**
 * The durable alert log, the source of truth of a run's alerts: a Chronicle Queue in {@code
 * <logdir>/alerts/}, one binary record per alert ({@link AlertCodec}) and, when configured, per
 * record of the other EVE types ({@link RecordCodec}, for shipping). When {@link #append} returns,
 * the record is in the memory-mapped file and is readable by other processes and survives the death
 * of this one (SIGKILL included). Rolls files by {@link AlertLogConfig#rollCycle()} and deletes the
 * oldest beyond the retention limits. Single-threaded: one appending thread.
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
  private final SingleChronicleQueue queue;
  private final LogRetention retention;
  private final ExcerptAppender appender;
  private final RollCycle rollCycle;
  private int lastCycle = Integer.MIN_VALUE;
  private long appended;
  private long skipped;
  private long truncated;

  /** Renders the alerts' app records (appends are serialized by the caller). */
  private final RecordText text = new RecordText();

  private final RecordBuffer record = new RecordBuffer();

  /** Gives back the cycle file's pages behind the appender (its first block's too). */
  private final MappedPageTrim pageTrim = new MappedPageTrim();

  /** Within a cycle, the retention limits are checked after this many appends. */
  static final int CHECK_EVERY = 1024;

  /**
   * The queue file is mapped in blocks of this size (Chronicle's default: 64 MiB): the pages of a
   * block the appender left behind are unmapped and those behind it in its block given back ({@link
   * MappedPageTrim}), so the resident part of the log stays small however many alerts a run writes,
   * and the file grows in steps of this size.
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
    this.retention = new LogRetention(dir, config, queue);
  }

  /** The settings this log was opened with. */
  public AlertLogConfig config() {
    return config;
  }

  /** Opens (creating if needed) the alert log of {@code logDir}. */
  public static AlertLog open(Path logDir, AlertLogConfig config) throws IOException {
    ChronicleSettings.apply(); // before SystemTimeProvider loads Chronicle
    return open(logDir, config, SystemTimeProvider.INSTANCE);
  }

  /**
   * As {@link #open(Path, AlertLogConfig)} with the clock that picks roll cycles (tests, and tools
   * that write a log of another time).
   */
  public static AlertLog open(Path logDir, AlertLogConfig config, TimeProvider time)
      throws IOException {
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
            + (config.logsRecords() ? "," + RecordCodec.VERSION : "")
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
   * {@code alert} as this log keeps it: itself, or when its payload, frame and HTTP bodies total
   * more than a block allows ({@link AlertFit#MAX_BYTES}), a copy with them cut and marked
   * truncated (counted in {@link #recordsTruncated}). Outputs write this form everywhere, so
   * eve.json, fast.log and the log agree.
   */
  public AlertEvent fit(AlertEvent alert) {
    AlertEvent fitted = AlertFit.fit(alert, AlertFit.MAX_BYTES);
    if (fitted != alert) {
      truncated++;
    }
    return fitted;
  }

  /**
   * Appends one alert (cut to fit as {@link #fit} does) and returns its queue index; when this
   * returns the alert is durable against a crash of this process and visible to readers.
   */
  public long append(AlertEvent alert) {
    AlertEvent fitted = fit(alert);
    record.clear();
    AlertCodec.write(record, fitted, text);
    return appendRecordBytes();
  }

  /**
   * Appends a record of another kind than alerts (flow, app transaction, fileinfo, anomaly, drop)
   * and returns its queue index; durable as {@link #append(AlertEvent)}.
   */
  public long appendRecord(OutputEvent event) {
    if (event instanceof AlertEvent a) {
      return append(a);
    }
    record.clear();
    RecordCodec.write(record, event);
    return appendRecordBytes();
  }

  /** Appends a stats record (see {@link org.vigil.output.EventSink#stats}); returns its index. */
  public long appendStats(long timestampNanos, long uptimeSeconds, Map<String, ?> counters) {
    record.clear();
    RecordCodec.writeStats(record, timestampNanos, uptimeSeconds, counters);
    return appendRecordBytes();
  }

  /** Appends the record encoded in {@link #record} as one document; returns its index. */
  private long appendRecordBytes() {
    Bytes<?> bytes;
    try (DocumentContext dc = appender.writingDocument()) {
      bytes = dc.wire().bytes();
      record.copyTo(bytes);
    }
    pageTrim.afterAppend(bytes);
    return afterAppend();
  }

  /**
   * Counts the record just written and keeps the retention limits: at each new cycle, and every
   * {@link #CHECK_EVERY} records so that a size cap holds within a cycle too.
   */
  private long afterAppend() {
    long index = appender.lastIndexAppended();
    appended++;
    int cycle = rollCycle.toCycle(index);
    if (cycle != lastCycle || appended % CHECK_EVERY == 0) {
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
   * Reads the alerts after queue index {@code after} (-1: from the first record; other records and
   * records that are not Vigil's are passed over, the latter counted in {@link #skipped}), skipping
   * the first {@code skip} of them, and gives each of the rest to {@code sink}; returns the index
   * of the last record read, or {@code after} when there was none. When {@code after} is no longer
   * in the log (retention deleted its file), reading starts at the oldest record kept.
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
      long passed = 0;
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
          LogRecord r;
          try {
            r = RecordCodec.read(dc.wire().bytes());
          } catch (BadRecordException e) {
            this.skipped++;
            continue;
          }
          if (!(r instanceof LogRecord.Event(AlertEvent alert))) {
            continue;
          }
          a = alert;
        }
        if (passed < skip) {
          passed++;
        } else {
          sink.accept(a);
        }
      }
    }
    return last;
  }

  /** The times this instance gave back pages of its cycle file behind the appender. */
  long pageTrims() {
    return pageTrim.trims();
  }

  /** Alerts appended through this instance. */
  public long appended() {
    return appended;
  }

  /** Alerts whose bytes this instance cut so that their record fits ({@link #fit}). */
  public long recordsTruncated() {
    return truncated;
  }

  /** Cycle files deleted by retention through this instance. */
  public long filesDeleted() {
    return retention.filesDeleted();
  }

  /** The queue folder. */
  public Path dir() {
    return dir;
  }

  /** Records that {@link #replay} passed over because they are not records Vigil wrote. */
  public long skipped() {
    return skipped;
  }

  /** Records in the cycle files retention deleted through this instance. */
  public long recordsDeleted() {
    return retention.recordsDeleted();
  }

  /** Deletes the oldest cycle files beyond the retention limits; never the newest. */
  void enforceRetention() {
    retention.enforce();
  }

  /** The cycle files of a queue folder, oldest first (Chronicle's names sort by time). */
  static List<Path> cycleFiles(Path dir) {
    return LogRetention.cycleFiles(dir);
  }

  @Override
  public void close() {
    appender.close();
    queue.close();
  }
}
