package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The engine log of a run, {@code vigil.log} in the log folder, with Suricata's file log lines
 * ({@code [pid - thread] date time Level: module: message}): every message the run prints (its
 * errors, warnings and notices) plus the info lines; {@code -v}, {@code -vv}, {@code -vvv} also
 * print the info, perf and config lines on the console, as Suricata's verbosity does.
 */
final class EngineLog implements AutoCloseable {
  /** Suricata's log levels, most severe first. */
  enum Level {
    ERROR("Error"),
    WARNING("Warning"),
    NOTICE("Notice"),
    INFO("Info"),
    PERF("Perf"),
    CONFIG("Config");

    final String label;

    Level(String label) {
      this.label = label;
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Path logDir;
  private Writer file;
  private final PrintWriter console;
  private final Level consoleLevel;
  private final Level fileLevel;
  private final long pid = ProcessHandle.current().pid();

  private EngineLog(Path logDir, PrintWriter console, int verbosity) {
    this.logDir = logDir;
    this.console = console;
    this.consoleLevel = Level.values()[Math.min(Level.NOTICE.ordinal() + verbosity, 5)];
    this.fileLevel = verbosity > 1 ? consoleLevel : Level.INFO;
  }

  /**
   * The log appending to {@code logDir/vigil.log} once the run made that folder (no file when
   * {@code logDir} is null), printing to {@code console} what {@code verbosity} (the count of
   * {@code -v}) asks for.
   */
  static EngineLog open(Path logDir, int verbosity, PrintWriter console) {
    return new EngineLog(logDir, console, verbosity);
  }

  /** The file, opened when the log folder exists; null before (or without a folder). */
  private Writer file() throws IOException {
    if (file == null && logDir != null && Files.isDirectory(logDir)) {
      file =
          Files.newBufferedWriter(
              logDir.resolve("vigil.log"),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
    }
    return file;
  }

  /** Logs {@code message} of {@code module} at {@code level}. */
  synchronized void log(Level level, String module, String message) {
    if (level.ordinal() <= consoleLevel.ordinal() && level.ordinal() > Level.NOTICE.ordinal()) {
      console.println("vigil: " + message);
      console.flush();
    }
    toFile(level, module, message);
  }

  private void toFile(Level level, String module, String message) {
    if (level.ordinal() > fileLevel.ordinal()) {
      return;
    }
    try {
      Writer w = file();
      if (w == null) {
        return;
      }
      w.write(
          "["
              + pid
              + " - "
              + Thread.currentThread().getName()
              + "] "
              + LocalDateTime.now().format(TIME)
              + " "
              + level.label
              + ": "
              + module
              + ": "
              + message
              + "\n");
      w.flush();
    } catch (IOException e) {
      // the console still has the message
    }
  }

  /**
   * A writer for the command's messages, line by line: each goes to the file with its level (a
   * {@code warning} a Warning, any other {@code vigil run:} line an Error, {@code vigil: info:},
   * {@code vigil: perf:} and {@code vigil: config:} lines at those levels, the rest Notices) and to
   * the console as it is, but for the info, perf and config lines the verbosity does not ask for.
   */
  PrintWriter tee() {
    return new PrintWriter(
        new Writer() {
          private final StringBuilder line = new StringBuilder();

          @Override
          public void write(char[] cbuf, int off, int len) {
            synchronized (EngineLog.this) {
              for (int i = off; i < off + len; i++) {
                if (cbuf[i] == '\n') {
                  classified(line.toString());
                  line.setLength(0);
                } else {
                  line.append(cbuf[i]);
                }
              }
            }
          }

          @Override
          public void flush() {
            synchronized (EngineLog.this) {
              if (!line.isEmpty()) {
                console.print(line);
                toFile(Level.NOTICE, "vigil", line.toString().strip());
                line.setLength(0);
              }
              console.flush();
            }
          }

          @Override
          public void close() {
            flush();
          }
        },
        true);
  }

  private void classified(String text) {
    String m = text;
    Level level = Level.NOTICE;
    String module = "vigil";
    if (m.startsWith("vigil run: ")) {
      m = m.substring("vigil run: ".length());
      level = m.startsWith("warning: ") ? Level.WARNING : Level.ERROR;
      m = m.startsWith("warning: ") ? m.substring("warning: ".length()) : m;
    } else if (m.startsWith("vigil: ")) {
      m = m.substring("vigil: ".length());
      for (Level l : List.of(Level.INFO, Level.PERF, Level.CONFIG)) {
        String marker = l.label.toLowerCase(Locale.ROOT) + ": ";
        if (m.startsWith(marker)) {
          log(l, "vigil", m.substring(marker.length()));
          return;
        }
      }
    } else if (m.contains(": error: ") || m.contains(": warning: ")) {
      level = m.contains(": error: ") ? Level.ERROR : Level.WARNING;
      module = "detect";
    }
    console.println(text);
    if (!m.isBlank()) {
      toFile(level, module, m.strip());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}
