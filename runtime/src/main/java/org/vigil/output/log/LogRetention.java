package org.vigil.output.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;

/**
 * Keeps the log within its retention limits (cycle files, total bytes: the disk budget of a backlog
 * that waits for a shipper): deletes the oldest cycle files first, never the newest, and notes each
 * deleted cycle with its record count in {@link #LEDGER}, so a shipper that finds records gone
 * before it shipped them can say how many ({@link #droppedAfter}).
 */
final class LogRetention {
  /** The file beside the queue that lists the deleted cycles: one "cycle records" line each. */
  static final String LEDGER = "vigil-dropped-cycles.txt";

  private final Path dir;
  private final AlertLogConfig config;
  private final SingleChronicleQueue queue;
  private long filesDeleted;
  private long recordsDeleted;

  LogRetention(Path dir, AlertLogConfig config, SingleChronicleQueue queue) {
    this.dir = dir;
    this.config = config;
    this.queue = queue;
  }

  /** Whether any limit is set. */
  boolean limited() {
    return config.maxCycles() > 0 || config.maxBytes() > 0;
  }

  /** Deletes the oldest cycle files beyond the limits; never the newest. */
  void enforce() {
    if (!limited()) {
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
      long[] records = recordsOf(p);
      try {
        if (Files.deleteIfExists(p)) {
          filesDeleted++;
          deleted = true;
          if (records != null) {
            recordsDeleted += records[1];
            note(records[0], records[1]);
          }
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

  /**
   * The cycle of {@code file} and how many records it holds, or null when it is not the queue's
   * oldest cycle (another process deleted that one meanwhile).
   */
  private long[] recordsOf(Path file) {
    queue.refreshDirectoryListing();
    int cycle = queue.firstCycle();
    if (cycle == Integer.MAX_VALUE) {
      return null;
    }
    SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
    if (store == null) {
      return null;
    }
    try {
      if (!store.file().toPath().toAbsolutePath().equals(file.toAbsolutePath())) {
        return null;
      }
    } finally {
      queue.closeStore(store);
    }
    try (ExcerptTailer t = queue.createTailer()) {
      return new long[] {cycle, Math.max(0, t.excerptsInCycle(cycle))};
    }
  }

  private void note(long cycle, long records) throws IOException {
    Files.writeString(
        dir.resolve(LEDGER),
        cycle + " " + records + "\n",
        StandardCharsets.US_ASCII,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }

  /** Cycle files deleted through this instance. */
  long filesDeleted() {
    return filesDeleted;
  }

  /** Records in the cycle files deleted through this instance. */
  long recordsDeleted() {
    return recordsDeleted;
  }

  /**
   * How many records after queue index {@code index} (-1: all) the deleted cycles of the queue in
   * {@code dir} held, by its ledger (a line that does not parse is passed over).
   */
  static long droppedAfter(Path dir, RollCycle rollCycle, long index) {
    Path ledger = dir.resolve(LEDGER);
    if (!Files.isRegularFile(ledger)) {
      return 0;
    }
    Map<Long, Long> cycles = new HashMap<>();
    try (Stream<String> lines = Files.lines(ledger, StandardCharsets.US_ASCII)) {
      lines.forEach(
          line -> {
            String[] f = line.trim().split(" ");
            try {
              if (f.length == 2) {
                cycles.merge(Long.parseLong(f[0]), Long.parseLong(f[1]), Math::max);
              }
            } catch (NumberFormatException e) {
              // not a line this class wrote
            }
          });
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
    long cycle = index < 0 ? Long.MIN_VALUE : rollCycle.toCycle(index);
    long seq = index < 0 ? -1 : rollCycle.toSequenceNumber(index);
    long lost = 0;
    for (var e : cycles.entrySet()) {
      if (e.getKey() > cycle) {
        lost += Math.max(0, e.getValue());
      } else if (e.getKey() == cycle) {
        lost += Math.max(0, e.getValue() - (seq + 1));
      }
    }
    return lost;
  }

  /** The cycle files of a queue folder, oldest first (Chronicle's names sort by time). */
  static List<Path> cycleFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(
          s.filter(p -> p.getFileName().toString().endsWith(AlertLog.CYCLE_SUFFIX))
              .sorted()
              .toList());
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
}
