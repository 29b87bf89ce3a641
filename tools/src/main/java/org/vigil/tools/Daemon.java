package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil run -D}: the run goes on in the background, in a session of its own (setsid) with
 * the same command line but {@code -D}; the command returns 0 once the engine is ready (its rules
 * loaded), or the engine's own messages and exit code when it ends before. The engine's messages go
 * to {@code vigil.log} in its log folder; {@code --pidfile} gives its process id.
 */
final class Daemon {
  /** What every run prints once its rules are loaded, before packets flow. */
  static final String READY = " rules ready in ";

  private Daemon() {}

  /** Starts the engine in the background and waits until it is ready; the exit code. */
  static int detach(PrintWriter err, long timeoutSeconds) {
    ProcessHandle.Info info = ProcessHandle.current().info();
    if (info.command().isEmpty() || info.arguments().isEmpty()) {
      err.println("vigil run: -D: cannot tell how this process was started; run without -D");
      err.flush();
      return Vigil.EXIT_FAILURE;
    }
    List<String> argv = new ArrayList<>(List.of("setsid", info.command().get()));
    for (String a : info.arguments().get()) {
      if (!a.equals("-D")) {
        argv.add(a);
      }
    }
    try {
      Path out = Files.createTempFile("vigil-daemon", ".out");
      out.toFile().deleteOnExit();
      Process p =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (System.nanoTime() < deadline) {
        String said = Files.readString(out, StandardCharsets.UTF_8);
        if (!p.isAlive()) {
          err.print(said);
          err.println("vigil run: -D: the engine ended before it was ready");
          err.flush();
          return p.exitValue() == 0 ? Vigil.EXIT_FAILURE : p.exitValue();
        }
        if (said.contains(READY)) {
          err.print(said);
          err.println("vigil: running in the background as process " + p.pid());
          err.flush();
          return 0;
        }
        Thread.sleep(100);
      }
      err.println(
          "vigil run: -D: the engine (process " + p.pid() + ") is not ready yet; left running");
      err.flush();
      return Vigil.EXIT_FAILURE;
    } catch (IOException e) {
      err.println("vigil run: -D: cannot start the engine in the background: " + e.getMessage());
      err.flush();
      return Vigil.EXIT_FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Vigil.EXIT_FAILURE;
    }
  }
}
