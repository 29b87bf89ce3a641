package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.acquire.afpacket.AfPacketException;
import org.vigil.acquire.afpacket.AfPacketOptions;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.engine.Run;
import org.vigil.engine.ThreadLayout;
import org.vigil.engine.WarmUpSample;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * {@code vigil run -i}: live capture on AF_PACKET interfaces until SIGINT/SIGTERM, which end the
 * capture, flush the flows, write the final stats and exit 0; the summary line adds the kernel's
 * packets and drops. Also the command line's BPF filter (trailing words or {@code -F}) and the pid
 * file, which capture-file runs share.
 */
final class LiveCapture {
  private final List<String> ifaces;
  private final String filter;
  private final Path logDir;
  private final PrintWriter err;
  private RunControl control;
  private WarmUpSample warmUp = new WarmUpSample.None();

  LiveCapture(List<String> ifaces, String filter, Path logDir, PrintWriter err) {
    this.ifaces = ifaces;
    this.filter = filter;
    this.logDir = logDir;
    this.err = err;
  }

  /**
   * The filter of the command line: the trailing words joined, or the text of {@code file} (not
   * both); null when there is none.
   */
  static String filterExpression(Path file, List<String> words) throws IOException {
    if (file != null && !words.isEmpty()) {
      throw new IllegalArgumentException(
          "give the BPF filter after the options or with -F <file>, not both");
    }
    String f =
        file != null
            ? Files.readString(file, StandardCharsets.UTF_8)
                .lines()
                .map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> !l.isEmpty())
                .reduce((a, b) -> a + " " + b)
                .orElse("")
            : String.join(" ", words).strip();
    return f.isEmpty() ? null : f;
  }

  /** Writes this process's id to {@code file}, removed when the JVM exits. */
  static void writePidfile(Path file) throws IOException {
    Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    file.toFile().deleteOnExit();
  }

  /**
   * The capture options of every interface: vigil.yaml's {@code af-packet} entry (or its {@code
   * default} entry), the command line's filter replacing a configured {@code bpf-filter}.
   */
  List<AfPacketOptions> options(VigilConfig cfg) {
    List<AfPacketOptions> out = new ArrayList<>();
    for (String i : ifaces) {
      AfPacketOptions o = AfPacketOptions.from(cfg.get("af-packet"), i);
      out.add(filter != null ? o.withFilter(filter) : o);
    }
    return out;
  }

  /**
   * The worker count the interfaces' {@code threads} ask for when the command line gives none: the
   * largest explicit count (each worker owns one socket of every interface), null when every entry
   * says {@code auto} or nothing (then {@code threading.threads} decides).
   */
  static Integer configuredThreads(List<AfPacketOptions> options) {
    int n = 0;
    for (AfPacketOptions o : options) {
      n = Math.max(n, o.threads());
    }
    return n > 0 ? n : null;
  }

  /**
   * The {@code checksums.validate} setting the interfaces' {@code checksum-checks} ask for ({@code
   * yes}: validate, {@code no} or {@code kernel}: do not), null to keep the configuration's ({@code
   * auto}).
   */
  static String checksumOverride(List<AfPacketOptions> options) {
    for (AfPacketOptions o : options) {
      switch (o.checksumChecks()) {
        case "yes" -> {
          return "checksums.validate=yes";
        }
        case "no", "kernel" -> {
          return "checksums.validate=no";
        }
        default -> {}
      }
    }
    return null;
  }

  /** The run's reload and unix socket, attached while the run goes on. */
  LiveCapture control(RunControl c) {
    this.control = c;
    return this;
  }

  /** What runs through a throwaway chain before the sockets open. */
  LiveCapture warmUp(WarmUpSample sample) {
    this.warmUp = sample;
    return this;
  }

  /**
   * The warm-up {@code --warm-up} asks for: the built-in traffic when it is not given, none for
   * {@code none}, else the captures of a file or folder.
   */
  static WarmUpSample warmUpSample(Path option) throws IOException {
    if (option == null) {
      return new WarmUpSample.BuiltIn();
    }
    if (option.toString().equals("none")) {
      return new WarmUpSample.None();
    }
    return new WarmUpSample.Captures(org.vigil.acquire.CaptureReader.captures(option));
  }

  int run(
      Ruleset rs,
      VigilConfig cfg,
      ClassificationConfig classes,
      OutputConfig outputConfig,
      org.vigil.app.AppLayers app,
      ThreadLayout layout,
      long loadNanos) {
    List<AfPacketOptions> options;
    try {
      options = options(cfg);
    } catch (IllegalArgumentException e) {
      return RunCommand.usage(err, e.getMessage());
    }
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
      Run run = engine.live();
      if (control != null) {
        control.attach(engine, run, out);
      }
      String mode = layout.mode().name().toLowerCase(java.util.Locale.ROOT);
      int threads = Math.max(1, layout.workers().size());
      err.printf(
          "vigil: %d rules ready in %.2f s; opening %s (%s, %d %s)%s; logs in %s%n",
          rs.size(),
          loadNanos / 1e9,
          String.join(", ", ifaces),
          mode,
          threads,
          threads == 1 ? "thread" : "threads",
          filter == null ? "" : " with filter '" + filter + "'",
          logDir);
      err.flush();
      long t1 = System.nanoTime();
      Map<String, Object> counters;
      Runnable reopen =
          () -> {
            try {
              out.reopen();
              err.println("vigil: SIGHUP: log files reopened");
            } catch (IOException e) {
              err.println("vigil: SIGHUP: cannot reopen the log files: " + e.getMessage());
            }
            err.flush();
          };
      try (StopSignals signals = StopSignals.install(run::stop, reopen)) {
        if (signals.hangupIgnored()) {
          err.println(
              "vigil: SIGHUP is ignored (inherited from the caller, e.g. nohup): the log files"
                  + " are not reopened on SIGHUP; start through bin/vigil to have them reopened");
          err.flush();
        }
        counters =
            run.run(
                new PacketSource.Live(
                    options,
                    warmUp,
                    m -> {
                      err.println("vigil: " + m);
                      err.flush();
                    }));
      }
      long t2 = System.nanoTime();
      Object capture = counters.get("capture");
      Object kp = capture instanceof Map<?, ?> c ? c.get("kernel_packets") : null;
      Object kd = capture instanceof Map<?, ?> c ? c.get("kernel_drops") : null;
      err.printf(
          "vigil: %d packets in %.2f s; %d alerts; kernel: %s packets, %s drops; logs in %s%n",
          run.packets(), (t2 - t1) / 1e9, run.alerts(), kp, kd, logDir);
      for (String m : run.errorMessages()) {
        err.println("vigil: " + m);
      }
      err.flush();
      return 0;
    } catch (AfPacketException | IllegalArgumentException | ConfigException e) {
      return RunCommand.usage(err, e.getMessage());
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("vigil run: " + RunChecks.reason(e));
      err.flush();
      return Vigil.EXIT_FAILURE;
    }
  }
}
