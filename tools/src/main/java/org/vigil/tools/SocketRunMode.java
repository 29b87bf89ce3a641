package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.vigil.acquire.CaptureFeed;
import org.vigil.acquire.CaptureFolderWatch;
import org.vigil.acquire.CaptureList;
import org.vigil.acquire.CaptureReader;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.control.PcapQueue;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.engine.Run;
import org.vigil.engine.ThreadLayout;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * {@code vigil run --unix-socket} without a packet source, Suricata's unix-socket run mode: the
 * rules stay loaded while the captures {@code pcap-file} queues are read one after another, each
 * into its own output folder with its own flows, until {@code shutdown}, SIGINT or SIGTERM. A rule
 * reload applies to the capture being read and to the next ones.
 */
final class SocketRunMode {
  private final RunControl control;
  private final PcapQueue queue;
  private final PrintWriter err;

  SocketRunMode(RunControl control, PcapQueue queue, PrintWriter err) {
    this.control = control;
    this.queue = queue;
    this.err = err;
  }

  /** Serves the queue until shut down; the exit code (0). */
  int run(
      VigilConfig cfg,
      ClassificationConfig classes,
      org.vigil.app.AppLayers app,
      ThreadLayout layout,
      long loadNanos) {
    err.printf(
        "vigil: %d rules ready in %.2f s; unix-socket run mode: waiting for pcap-file commands%n",
        control.reload().current().ruleset().size(), loadNanos / 1e9);
    err.flush();
    try (StopSignals signals = StopSignals.install(control.view()::shutdown)) {
      while (!control.view().stopRequested()) {
        PcapQueue.Job job = queue.next(200);
        if (job != null) {
          read(job, cfg, classes, app, layout);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    err.println("vigil: unix-socket run mode: shut down");
    err.flush();
    return 0;
  }

  /** One capture file or folder into its output folder. */
  private void read(
      PcapQueue.Job job,
      VigilConfig cfg,
      ClassificationConfig classes,
      org.vigil.app.AppLayers app,
      ThreadLayout layout) {
    long t0 = System.nanoTime();
    try (Outputs out =
        Outputs.open(job.outputDir(), OutputConfig.fromYaml(cfg.get("outputs"), job.outputDir()))) {
      EngineAssembly engine =
          new EngineAssembly(
              control.reload().current().ruleset(),
              cfg,
              out,
              new AlertEventMapper(classes),
              app,
              layout,
              Thread.currentThread().getContextClassLoader());
      Run run = engine.run();
      CaptureFeed feed =
          job.continuous()
              ? new CaptureFolderWatch(job.capture(), false, job.deleteWhenDone(), 0, 1000)
              : new CaptureList(CaptureReader.list(job.capture(), false), job.deleteWhenDone());
      queue.started(run::stop);
      control.attach(engine, run, out);
      run.run(PacketSource.captures(feed));
      err.printf(
          "vigil: %s: %d packets in %.2f s; %d alerts; logs in %s%n",
          job.capture(),
          run.packets(),
          (System.nanoTime() - t0) / 1e9,
          run.alerts(),
          job.outputDir());
    } catch (IOException | UncheckedIOException | ConfigException | IllegalArgumentException e) {
      err.println("vigil: " + job.capture() + ": " + RunChecks.reason(e));
    } finally {
      control.detach();
      queue.finished();
      err.flush();
    }
  }
}
