package org.vigil.output;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * A destination for output records (eve.json, fast.log, a plugin's). Called from the thread that
 * owns the sink; a sink ignores the record kinds it does not log.
 */
public interface EventSink extends Closeable {

  /** Writes one record. */
  void write(OutputEvent event) throws IOException;

  /**
   * Writes a stats record: a tree of counters (values are {@link Number}s or nested maps), taken at
   * {@code timestampNanos}, {@code uptimeSeconds} after the run started. Default: not logged.
   */
  default void stats(long timestampNanos, long uptimeSeconds, Map<String, ?> counters)
      throws IOException {}

  /** Pushes buffered records to the file or program. */
  void flush() throws IOException;

  /**
   * Closes and opens again the file this sink writes, by its name (after logrotate moved it); a
   * sink without a file of its own does nothing.
   */
  default void reopen() throws IOException {}
}
