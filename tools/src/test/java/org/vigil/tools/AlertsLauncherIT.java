package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.JavaChild;
import org.vigil.output.log.AlertLogAppenderMain;

/**
 * Two processes, as a user runs them: an appender JVM writes alerts while {@code bin/vigil alerts
 * --follow} (with the launcher's own JVM flags) prints them; neither may print a JVM or Chronicle
 * warning.
 */
class AlertsLauncherIT {
  static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();

  @TempDir Path logDir;

  @Test
  void binVigilFollowsAnotherProcessesAppendsWithoutWarnings() throws Exception {
    int total = 20;
    Path appenderErr = logDir.resolveSibling(logDir.getFileName() + "-appender.err");
    Process appender =
        new ProcessBuilder(
                JavaChild.command(
                    AlertLogAppenderMain.class,
                    logDir.toString(),
                    Integer.toString(total),
                    "50",
                    "1"))
            .redirectError(appenderErr.toFile())
            .start();
    BufferedReader acks =
        new BufferedReader(
            new InputStreamReader(appender.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("ready", acks.readLine(), "appender did not start");

    Path followErr = logDir.resolveSibling(logDir.getFileName() + "-follow.err");
    Process follow =
        new ProcessBuilder(
                ROOT.resolve("bin/vigil").toString(),
                "alerts",
                logDir.toString(),
                "--follow",
                "--format",
                "fast")
            .redirectError(followErr.toFile())
            .start();
    List<String> lines = new ArrayList<>();
    boolean sawWhileAppending = false;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lines.size() < total && (line = out.readLine()) != null) {
        lines.add(line);
        if (lines.size() == 1) {
          // the appender holds the other alerts back until the follower printed the first one
          sawWhileAppending = appender.isAlive();
          appender.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
          appender.getOutputStream().flush();
        }
      }
    } finally {
      follow.destroy();
      follow.waitFor(10, TimeUnit.SECONDS);
    }
    while (acks.readLine() != null) {
      // drain the acknowledgements
    }
    assertTrue(appender.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, appender.exitValue(), Files.readString(appenderErr));
    assertEquals(total, lines.size(), String.join("\n", lines) + Files.readString(followErr));
    assertTrue(
        sawWhileAppending, "bin/vigil alerts --follow printed nothing while the appender ran");
    for (int i = 0; i < total; i++) {
      assertTrue(lines.get(i).contains("[1:" + (i + 1) + ":3]"), lines.get(i));
    }
    assertEquals("", Files.readString(followErr), "bin/vigil printed warnings");
    assertEquals("", Files.readString(appenderErr), "the appender JVM printed warnings");
  }
}
