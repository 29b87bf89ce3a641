package org.vigil.output.log;

import java.nio.file.Path;
import org.vigil.output.TestEvents;

/**
 * Test program: appends alerts to {@code <logdir>/alerts} and acknowledges each on stdout as {@code
 * <seq> <index>} after the append returned. Args: logdir, count (0 = until killed), pause millis,
 * and optionally a gate: after that many alerts it waits for a line on stdin before appending the
 * rest, so a reader can be shown to see alerts while the writer is still running.
 */
public final class AlertLogAppenderMain {
  private AlertLogAppenderMain() {}

  public static void main(String[] args) throws Exception {
    Path logDir = Path.of(args[0]);
    long count = Long.parseLong(args[1]);
    long pause = Long.parseLong(args[2]);
    long gate = args.length > 3 ? Long.parseLong(args[3]) : -1;
    java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      System.out.println("ready");
      System.out.flush();
      for (long seq = 1; count == 0 || seq <= count; seq++) {
        long index = log.append(TestEvents.alert(seq, seq));
        System.out.println(seq + " " + index);
        System.out.flush();
        if (seq == gate) {
          in.readLine();
        }
        if (pause > 0) {
          Thread.sleep(pause);
        }
      }
    }
  }
}
