package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vigil.acquire.nfq.NfqException;
import org.vigil.acquire.nfq.NfqOptions;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.engine.Run;
import org.vigil.engine.RunMode;
import org.vigil.engine.ThreadLayout;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * {@code vigil run -q}: the inline run over one or more NFQUEUE queues, its messages and exit code.
 */
final class InlineCapture {
  private final List<String> queueArgs;
  private final Path logDir;
  private final PrintWriter err;
  private RunControl control;
  private org.vigil.engine.WarmUpSample warmUp = new org.vigil.engine.WarmUpSample.None();

  /**
   * The run of the queues {@code queueArgs} name ({@code -q N} or {@code A:B}), logging to {@code
   * logDir}.
   */
  InlineCapture(List<String> queueArgs, Path logDir, PrintWriter err) {
    this.queueArgs = queueArgs;
    this.logDir = logDir;
    this.err = err;
  }

  /** The run's reload and unix socket, attached while the run goes on. */
  InlineCapture control(RunControl c) {
    this.control = c;
    return this;
  }

  /** What runs through a throwaway chain before the queues are bound. */
  InlineCapture warmUp(org.vigil.engine.WarmUpSample sample) {
    this.warmUp = sample;
    return this;
  }

  /**
   * {@code -q}: inline on NFQUEUE until SIGTERM/SIGINT, which close the queue and flush the
   * outputs.
   */
  int run(
      Ruleset rs,
      VigilConfig cfg,
      ClassificationConfig classes,
      OutputConfig outputConfig,
      org.vigil.app.AppLayers app,
      ThreadLayout layout,
      long loadNanos) {
    List<Integer> queues = InlineQueues.parse(queueArgs);
    List<NfqOptions> options = queues.stream().map(NfqOptions::defaults).toList();
    CountDownLatch done = new CountDownLatch(1);
    Run[] running = new Run[1];
    Thread hook =
        new Thread(
            () -> {
              Run r = running[0];
              if (r != null) {
                r.stop();
                try {
                  done.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "vigil-inline-stop");
    try (Outputs out = Outputs.open(logDir, outputConfig)) {
      EngineAssembly engine =
          new EngineAssembly(
              rs,
              cfg,
              out,
              new AlertEventMapper(classes),
              app,
              layout,
              Thread.currentThread().getContextClassLoader());
      Run run = engine.inline();
      if (control != null) {
        control.attach(engine, run, out);
      }
      running[0] = run;
      Runtime.getRuntime().addShutdownHook(hook);
      err.printf(
          "vigil: %d rules ready in %.2f s; inline on %s%s; logs in %s%n",
          rs.size(),
          loadNanos / 1e9,
          InlineQueues.describe(queues),
          queues.size() > 1 || layout.mode() != RunMode.SINGLE
              ? " (one worker thread per queue)"
              : "",
          logDir);
      err.flush();
      long t1 = System.nanoTime();
      run.run(
          PacketSource.queues(
              options,
              warmUp,
              m -> {
                err.println("vigil: " + m);
                err.flush();
              }));
      long t2 = System.nanoTime();
      err.printf(
          "vigil: %d packets in %.2f s; %d alerts; %d dropped, %d rejected by rules; %d internal errors%n",
          run.packets(),
          (t2 - t1) / 1e9,
          run.alerts(),
          run.drops(),
          run.rejects(),
          run.engineErrors());
      for (String m : run.errorMessages()) {
        err.println("vigil: " + m);
      }
      err.flush();
      return 0;
    } catch (NfqException e) {
      return RunCommand.usage(err, e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      err.println("vigil run: " + RunChecks.reason(e));
      err.flush();
      return Vigil.EXIT_FAILURE;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // shutting down already, or never added
      }
    }
  }
}
