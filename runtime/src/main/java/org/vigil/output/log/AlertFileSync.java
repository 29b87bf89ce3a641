package org.vigil.output.log;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.function.Predicate;
import org.vigil.output.AlertLineSink;

/**
 * Keeps a line file of alerts (eve.json, fast.log) consistent with the durable alert log across
 * crashes. Beside the file, a small mark file ({@code .eve.json.pos}) says which alert-log record
 * the file held at which byte offset; it is replaced atomically each time the file is flushed. When
 * a run opens the file again, {@link #open} cuts a torn last line, counts the complete alert lines
 * written after the mark (those follow the marked record in alert-log order, as every alert goes to
 * the alert log first and then to the file), and appends the alerts the file is still missing:
 * after a {@code kill -9} the file ends up holding every alert of the log once.
 */
public final class AlertFileSync {
  private final AlertLineSink sink;
  private final Path file;
  private final Path markFile;
  private final long recovered;
  private long markedOffset = -1;
  private long markedIndex;

  /**
   * Where the file and the alert log agreed: the file's first {@code offset} bytes hold the alerts
   * up to {@code index}.
   */
  record Mark(long offset, long index) {
    static final Mark NONE = new Mark(0, -1);
  }

  private AlertFileSync(AlertLineSink sink, long recovered) {
    this.sink = sink;
    this.file = sink.file();
    this.markFile = markFile(file);
    this.recovered = recovered;
  }

  /**
   * Brings {@code sink}'s file (just opened for appending, nothing written yet) up to {@code log}:
   * repairs its tail, writes the missing alerts through the sink, flushes and marks it.
   */
  public static AlertFileSync open(AlertLog log, AlertLineSink sink) throws IOException {
    Path file = sink.file();
    Mark mark = readMark(markFile(file));
    long length = Files.exists(file) ? Files.size(file) : 0;
    long last;
    long[] written = {0};
    if (length < mark.offset()) {
      // shorter than when it was marked: rotated or cut by someone else, so its content is unknown;
      // nothing is replayed (no duplicates), the run appends from here
      last = log.lastIndex();
    } else {
      long present = repairTail(file, mark.offset(), sink::isAlertLine);
      last =
          log.replay(
              mark.index(),
              present,
              a -> {
                try {
                  sink.write(a);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                written[0]++;
              });
    }
    AlertFileSync sync = new AlertFileSync(sink, written[0]);
    sink.flush();
    sync.mark(last);
    return sync;
  }

  /** Alerts of the log that {@link #open} wrote because the file was missing them. */
  public long recovered() {
    return recovered;
  }

  /**
   * Records that the file, just flushed, holds the alerts up to alert-log index {@code index}; does
   * nothing when neither the file nor the index moved since the last mark, or when the file is no
   * longer there.
   */
  public void mark(long index) throws IOException {
    long offset;
    try {
      offset = Files.size(file);
    } catch (java.nio.file.NoSuchFileException e) {
      // deleted or moved away while the run writes it: nothing on disk to mark
      return;
    }
    if (offset == markedOffset && index == markedIndex) {
      return;
    }
    String text =
        "# where "
            + file.getFileName()
            + " and the alert log agree (Vigil)\noffset="
            + offset
            + "\nalert-index="
            + index
            + "\n";
    Path tmp = markFile.resolveSibling(markFile.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, markFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    markedOffset = offset;
    markedIndex = index;
  }

  /** The mark file of {@code file}: hidden, beside it. */
  static Path markFile(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".pos");
  }

  /**
   * The mark in {@code markFile}; none (start of file and log) when it is missing or unreadable.
   */
  static Mark readMark(Path markFile) {
    if (!Files.isRegularFile(markFile)) {
      return Mark.NONE;
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(markFile)) {
      p.load(r);
      long offset = Long.parseLong(p.getProperty("offset", "0").trim());
      long index = Long.parseLong(p.getProperty("alert-index", "-1").trim());
      return offset < 0 ? Mark.NONE : new Mark(offset, index);
    } catch (IOException | NumberFormatException e) {
      return Mark.NONE;
    }
  }

  /**
   * Cuts {@code file} after its last complete line at or after {@code from} (a torn last line left
   * by a crash goes; the record it held is written again from the alert log) and returns how many
   * complete lines after {@code from} are alerts.
   */
  static long repairTail(Path file, long from, Predicate<String> isAlert) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ch.position(from);
      long alerts = 0;
      long end = from;
      long pos = from;
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
      for (int b = in.read(); b >= 0 && pos < size; b = in.read()) {
        pos++;
        if (b == '\n') {
          if (isAlert.test(line.toString(StandardCharsets.UTF_8))) {
            alerts++;
          }
          line.reset();
          end = pos;
        } else {
          line.write(b);
        }
      }
      if (end < size) {
        ch.truncate(end);
      }
      return alerts;
    }
  }
}
