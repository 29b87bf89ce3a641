package org.vigil.engine;

import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The JIT's work queue as HotSpot's {@code Compiler.queue} diagnostic command shows it (the methods
 * being compiled and those waiting): a live run's warm-up waits for it to empty before the capture
 * sockets open, so the compilations the warm-up asked for run before the first packet instead of on
 * the capture threads' cores while the ring fills.
 */
final class CompilerQueue {
  /** How often the queue is looked at while waiting. */
  static final long POLL_MILLIS = 50;

  private final MBeanServer server;
  private final ObjectName name;

  private CompilerQueue(MBeanServer server, ObjectName name) {
    this.server = server;
    this.name = name;
  }

  /** The queue of this JVM, or null when it has no {@code Compiler.queue} command. */
  static CompilerQueue of() {
    try {
      MBeanServer s = ManagementFactory.getPlatformMBeanServer();
      ObjectName n = new ObjectName("com.sun.management:type=DiagnosticCommand");
      CompilerQueue q = new CompilerQueue(s, n);
      return q.tasks() < 0 ? null : q;
    } catch (JMException | RuntimeException e) {
      return null;
    }
  }

  /** The compilations running or waiting now; -1 when the command cannot be run. */
  int tasks() {
    try {
      Object text =
          server.invoke(
              name, "compilerQueue", new Object[] {null}, new String[] {String[].class.getName()});
      return text instanceof String s ? count(s) : -1;
    } catch (JMException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The tasks in the command's text: one line each, naming its method as {@code class::method},
   * under "Current compiles" and each compiler's queue ("Empty" when there is none).
   */
  static int count(String text) {
    int n = 0;
    for (String line : text.split("\n")) {
      if (line.contains("::")) {
        n++;
      }
    }
    return n;
  }

  /**
   * Waits until the queue is empty at two looks in a row, at most {@code maxMillis} or until {@code
   * stopped} says so; returns the milliseconds waited.
   */
  long awaitEmpty(long maxMillis, BooleanSupplier stopped) {
    long t0 = System.nanoTime();
    int empty = 0;
    while (empty < 2 && !stopped.getAsBoolean()) {
      long waited = (System.nanoTime() - t0) / 1_000_000;
      if (waited >= maxMillis) {
        break;
      }
      int n = tasks();
      if (n < 0) {
        break;
      }
      empty = n == 0 ? empty + 1 : 0;
      if (empty < 2) {
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
