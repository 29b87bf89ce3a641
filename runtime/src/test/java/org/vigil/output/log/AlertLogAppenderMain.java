package org.vigil.output.log;

import java.nio.file.Path;
import org.vigil.output.TestEvents;

/**
 * Test program: appends alerts to {@code <logdir>/alerts} and acknowledges each on stdout as
 * {@code <seq> <index>} after the append returned. Args: logdir, count (0 = until killed), pause millis.
 */
public final class AlertLogAppenderMain {
  private AlertLogAppenderMain() {}

  public static void main(String[] args) throws Exception {
    Path logDir = Path.of(args[0]);
    long count = Long.parseLong(args[1]);
    long pause = Long.parseLong(args[2]);
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      System.out.println("ready");
      System.out.flush();
      for (long seq = 1; count == 0 || seq <= count; seq++) {
        long index = log.append(TestEvents.alert(seq, seq));
        System.out.println(seq + " " + index);
        System.out.flush();
        if (pause > 0) {
          Thread.sleep(pause);
        }
      }
    }
  }
}
