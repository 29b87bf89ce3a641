package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.vigil.output.AlertEvent;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.FastLogWriter;
import org.vigil.output.log.AlertLogReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil alerts}: print or follow a log directory's durable alert log (its alerts; records of
 * other types the run logged there for shipping are passed over, records that are not Vigil's are
 * counted and skipped).
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "Print or follow the durable alert log of a log directory.")
final class AlertsCommand implements Callable<Integer> {
  /** How long --follow sleeps when no new alert has arrived. */
  static final long FOLLOW_IDLE_MILLIS = 50;

  @Parameters(index = "0", paramLabel = "<logdir>")
  Path logDir;

  @Option(
      names = "--follow",
      description = "Keep printing alerts as a running 'vigil run' appends them.")
  boolean follow;

  @Option(names = "--format", paramLabel = "eve|fast", description = "Output format (default eve).")
  String format = "eve";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Prints one alert in the chosen format. */
  private interface Printer extends AutoCloseable {
    void print(AlertEvent a) throws IOException;

    void flush() throws IOException;

    @Override
    void close() throws IOException;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("eve") && !format.equals("fast")) {
      err.println("vigil alerts: --format must be eve or fast, not '" + format + "'");
      return Vigil.EXIT_USAGE;
    }
    if (follow && !AlertLogReader.exists(logDir)) {
      // as tail -F: a follower started before the run waits for the log to be created
      err.println("vigil alerts: waiting for " + logDir.resolve("alerts") + "/ to appear");
      err.flush();
      while (!AlertLogReader.exists(logDir)) {
        Thread.sleep(FOLLOW_IDLE_MILLIS);
      }
    }
    if (!AlertLogReader.exists(logDir)) {
      err.println(
          "vigil alerts: no alert log in "
              + logDir
              + " (expected "
              + logDir.resolve("alerts")
              + "/, written by 'vigil run -l "
              + logDir
              + "')");
      return Vigil.EXIT_USAGE;
    }
    try (AlertLogReader reader = AlertLogReader.open(logDir);
        Printer printer = printer(out)) {
      IOException[] failed = {null};
      long reported = 0;
      while (true) {
        reader.drain(
            a -> {
              if (failed[0] == null) {
                try {
                  printer.print(a);
                } catch (IOException e) {
                  failed[0] = e;
                }
              }
            });
        printer.flush();
        if (failed[0] != null) {
          throw failed[0];
        }
        if (reader.skipped() > reported) {
          reported = reader.skipped();
          err.println(
              "vigil alerts: "
                  + reported
                  + " records in "
                  + logDir.resolve("alerts")
                  + " are not Vigil's (foreign or damaged) and were skipped; the last: "
                  + reader.lastSkipped());
          err.flush();
        }
        if (!follow || out.checkError()) {
          // out.checkError(): the reader of our output went away (vigil alerts --follow | head)
          return 0;
        }
        Thread.sleep(FOLLOW_IDLE_MILLIS);
      }
    } catch (IllegalStateException e) {
      err.println(
          "vigil alerts: cannot read " + logDir.resolve("alerts") + ": " + RunChecks.reason(e));
      return Vigil.EXIT_FAILURE;
    }
  }

  private Printer printer(PrintWriter out) throws IOException {
    if (format.equals("fast")) {
      FastLogWriter fast = new FastLogWriter(java.io.OutputStream.nullOutputStream());
      return new Printer() {
        @Override
        public void print(AlertEvent a) {
          out.println(fast.format(a));
        }

        @Override
        public void flush() {
          out.flush();
        }

        @Override
        public void close() {
          out.flush();
        }
      };
    }
    EveJsonWriter eve =
        new EveJsonWriter(
                new java.io.FilterWriter(out) {
                  @Override
                  public void close() {
                    // the command line owns its output stream
                  }
                },
                EnumSet.of(EveJsonWriter.Type.ALERT))
            .withLoggedAlertOptions();
    return new Printer() {
      @Override
      public void print(AlertEvent a) throws IOException {
        eve.write(a);
      }

      @Override
      public void flush() throws IOException {
        eve.flush();
      }

      @Override
      public void close() throws IOException {
        eve.close();
      }
    };
  }
}
