package org.vigil.ship;

import java.util.function.Consumer;

/**
 * Tells the operator about shipping problems without flooding the terminal while a broker is away:
 * a message is passed on when it differs from the last one, or again after a minute.
 */
public final class ProblemReporter implements Consumer<String> {
  private static final long REPEAT_NANOS = 60_000_000_000L;

  private final String prefix;
  private final Consumer<String> lines;
  private String last;
  private long lastNanos;

  /** Passes {@code prefix + problem} lines on to {@code lines}. */
  public ProblemReporter(String prefix, Consumer<String> lines) {
    this.prefix = prefix;
    this.lines = lines;
  }

  /** Prints the problems on stderr. */
  static ProblemReporter stderr(String prefix) {
    return new ProblemReporter(
        prefix,
        line -> {
          System.err.println(line);
          System.err.flush();
        });
  }

  @Override
  public synchronized void accept(String problem) {
    long now = System.nanoTime();
    if (problem.equals(last) && now - lastNanos < REPEAT_NANOS) {
      return;
    }
    last = problem;
    lastNanos = now;
    lines.accept(prefix + problem);
  }
}
