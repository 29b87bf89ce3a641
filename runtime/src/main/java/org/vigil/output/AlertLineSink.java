package org.vigil.output;

import java.nio.file.Path;

/**
 * An {@link EventSink} that appends one line per record to a file and logs alerts, so that after a
 * crash the run that opens the file next can bring it up to the durable alert log ({@code
 * org.vigil.output.log.AlertFileSync}).
 */
public interface AlertLineSink extends EventSink {

  /** The file this sink appends to, or null when it writes to a stream it did not open. */
  Path file();

  /**
   * True when {@code line} (a complete line of {@link #file()}, without its newline) is an alert
   * record.
   */
  boolean isAlertLine(String line);
}
