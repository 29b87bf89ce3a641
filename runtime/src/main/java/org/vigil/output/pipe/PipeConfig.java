package org.vigil.output.pipe;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vigil.output.OutputConfigException;

/**
 * One output pipe: which captured field it streams, where to (a program's stdin or a named pipe)
 * and how many records may wait for a slow consumer before new ones are dropped.
 *
 * @param field the field's name, e.g. {@code http.user_agent}, {@code http.hostname}, {@code
 *     http.url}, or a name detection captures under
 * @param command the program to start (argv), or null when writing to {@code fifo}
 * @param fifo a named pipe (or any file) to write to, or null when running {@code command}
 * @param capacity records buffered before drops start (rounded up to a power of two)
 */
public record PipeConfig(String field, List<String> command, Path fifo, int capacity) {

  /** Default buffered records per pipe. */
  public static final int DEFAULT_CAPACITY = 8192;

  /** Checks that exactly one destination is set. */
  public PipeConfig {
    if (field == null || field.isBlank()) {
      throw new IllegalArgumentException("a pipe needs a field");
    }
    if ((command == null) == (fifo == null)) {
      throw new IllegalArgumentException("a pipe needs exactly one of command or fifo");
    }
    if (command != null) {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("a pipe's command is empty");
      }
    }
    if (capacity < 2) {
      throw new IllegalArgumentException("a pipe's buffer must hold at least 2 records");
    }
  }

  /** A pipe into {@code sh -c <shellCommand>}. */
  public static PipeConfig shell(String field, String shellCommand, int capacity) {
    return new PipeConfig(field, List.of("/bin/sh", "-c", shellCommand), null, capacity);
  }

  /**
   * Reads one entry of {@code outputs.pipes}: {@code field}, then {@code command} (a shell command
   * line, run with /bin/sh -c) or {@code fifo} (a path), and optional {@code buffer}.
   */
  public static PipeConfig fromMap(Map<?, ?> m, String key, Path logDir) {
    for (Object k : m.keySet()) {
      if (!List.of("field", "command", "fifo", "buffer").contains(String.valueOf(k))) {
        throw new OutputConfigException(
            key + "." + k, "unknown setting (field, command, fifo, buffer)");
      }
    }
    Object field = m.get("field");
    if (field == null) {
      throw new OutputConfigException(
          key + ".field", "missing: which field to stream, e.g. http.user_agent");
    }
    Object command = m.get("command");
    Object fifo = m.get("fifo");
    if ((command == null) == (fifo == null)) {
      throw new OutputConfigException(key, "set exactly one of command and fifo");
    }
    int capacity = DEFAULT_CAPACITY;
    Object b = m.get("buffer");
    if (b != null) {
      try {
        capacity = Integer.parseInt(b.toString().trim());
      } catch (NumberFormatException e) {
        throw new OutputConfigException(
            key + ".buffer", "expected a number of records, got '" + b + "'");
      }
      if (capacity < 2) {
        throw new OutputConfigException(key + ".buffer", "must be at least 2, got " + capacity);
      }
    }
    if (command != null) {
      return shell(field.toString(), command.toString(), capacity);
    }
    return new PipeConfig(field.toString(), null, logDir.resolve(fifo.toString()), capacity);
  }
}
