package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.acquire.CaptureFeed;
import org.vigil.acquire.afpacket.AfPacketOptions;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.control.RuleReload;
import org.vigil.detect.Ruleset;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.engine.Run;
import org.vigil.engine.RunMode;
import org.vigil.engine.ThreadLayout;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil run}: detection over capture files, a live interface or NFQUEUE. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run detection over captures, a live interface or NFQUEUE.")
final class RunCommand implements Callable<Integer> {

  /** Exactly one packet source. */
  static final class Source {
    @Option(
        names = "-r",
        paramLabel = "<pcap|pcapng file|dir>",
        description = "Read a capture file or a folder of captures.")
    Path capture;

    @Option(
        names = "-q",
        paramLabel = "<queue-num|A:B>",
        description =
            "Run inline on a Linux NFQUEUE; repeatable, A:B for queues A to B (iptables "
                + "--queue-balance A:B), one worker thread per queue.")
    List<String> queue;

    @Option(
        names = "-i",
        paramLabel = "<interface>",
        description =
            "Live capture on an interface (Linux AF_PACKET, TPACKET_V3 ring); repeatable. "
                + "Settings from vigil.yaml's af-packet list; --runmode workers --threads N: N sockets "
                + "per interface in a fanout group, one worker each.")
    List<String> ifaces;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(
      names = "-S",
      paramLabel = "<rules>",
      description = "Rule file or folder, compiled in memory; repeatable.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--ruleset",
      paramLabel = "<x.vrs>",
      description = "A ruleset compiled by 'vigil compile'.")
  Path ruleset;

  @Option(
      names = "--trust",
      paramLabel = "<pub.pem>",
      description = "Run only a --ruleset signed by this Ed25519 public key (X.509 PEM).")
  Path trust;

  @Option(
      names = "-l",
      paramLabel = "<logdir>",
      description = "Output folder (required but with -T).")
  Path logDir;

  @Option(names = "-c", paramLabel = "vigil.yaml", description = "Configuration file.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "key=value",
      description = "Override a vigil.yaml key; repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--runmode",
      paramLabel = "single|workers|autofp",
      description =
          "Thread layout (default: threading.runmode of vigil.yaml, else single; custom takes threading.workers).")
  String runmode;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads for workers/autofp.")
  Integer threads;

  @Option(
      names = "--pcap-file-recursive",
      description =
          "With -r FOLDER: read the captures of its subfolders too, in the name order of their paths "
              + "below FOLDER (symbolic links to folders are not followed). Also pcap-file.recursive.")
  boolean pcapRecursive;

  @Option(
      names = "--pcap-file-continuous",
      description =
          "With -r FOLDER: keep watching the folder for new captures until SIGINT/SIGTERM, then write the "
              + "final stats and exit 0. A file is read once complete: its size and time unchanged between two looks "
              + "(every pcap-file.poll-interval seconds, default 5) and modified at least pcap-file.delay seconds "
              + "ago (default 30). Also pcap-file.continuous.")
  boolean pcapContinuous;

  @Option(
      names = "--pcap-file-delete",
      description =
          "With -r: delete each capture once it was read completely. Also pcap-file.delete-when-done.")
  boolean pcapDelete;

  @Option(
      names = "-F",
      paramLabel = "<file>",
      description = "Read the BPF filter expression from this file.")
  Path filterFile;

  @Option(
      names = "--pidfile",
      paramLabel = "<file>",
      description = "Write the process id to this file (removed at exit).")
  Path pidfile;

  @Option(
      names = "--warm-up",
      paramLabel = "<pcap|dir>",
      description =
          "With -i or -q: before opening the sockets or binding the queues, run this sample of the "
              + "sensor's traffic (a capture or a folder of captures) once through a throwaway chain, "
              + "alerts and verdicts dropped, so the first live packets meet compiled code; without it "
              + "built-in synthetic traffic is run, 'none' runs nothing.")
  Path warmUp;

  @CommandLine.Parameters(
      paramLabel = "<bpf filter>",
      arity = "0..*",
      description =
          "A BPF filter expression in tcpdump's language, e.g. 'tcp port 80' (-i and -r), "
              + "compiled by libpcap.")
  List<String> filterWords = new ArrayList<>();

  // Suricata's operator flags; their logic is in RunPreflight
  @Option(
      names = "-T",
      description =
          "Test the configuration, threshold file and rules, then exit: 0 when all load, 1 on any"
              + " error (a rule included); no packet source or -l needed.")
  boolean testConfig;

  @Option(
      names = "--init-errors-fatal",
      description = "Exit 1 when any rule fails to load instead of running with the others.")
  boolean initErrorsFatal;

  @Option(
      names = "-s",
      paramLabel = "<rules>",
      description =
          "Rule file added to the configured ones (-S, else rule-files under default-rule-path of"
              + " the config); repeatable.")
  List<Path> addedRules = new ArrayList<>();

  @Option(
      names = "-k",
      paramLabel = "all|none",
      description = "Checksum validation: all (checksums.validate: yes) or none (no).")
  String checksumMode;

  @Option(
      names = "--dump-config",
      description =
          "Print the effective configuration (defaults, -c, --set) as key = value lines and exit.")
  boolean dumpConfig;

  @CommandLine.Mixin OperatorRunOptions operator = new OperatorRunOptions();

  /** The reload and unix socket of the run, once its rules are loaded (closed at the end). */
  private RunControl control;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (operator.daemon && !testConfig) {
      return Daemon.detach(spec.commandLine().getErr(), 300);
    }
    PrintWriter console = spec.commandLine().getErr();
    EngineLog log = EngineLog.open(logDir, operator.verbosity(), console);
    spec.commandLine().setErr(log.tee());
    int code;
    try (log) {
      code = checkedCall();
    } catch (IOException e) {
      code = 0; // closing the engine log: the run's own outcome stands
    } finally {
      if (control != null) {
        control.close();
      }
      spec.commandLine().getErr().flush();
      spec.commandLine().setErr(console);
    }
    // -T answers as Suricata: 0 all good, 1 anything wrong
    return testConfig && code != 0 ? Vigil.EXIT_FAILURE : code;
  }

  private Integer checkedCall() {
    PrintWriter err = spec.commandLine().getErr();
    if (checksumMode != null) {
      String set = RunPreflight.checksums(checksumMode);
      if (set == null) {
        return usage(err, "-k must be all or none, not '" + checksumMode + "'");
      }
      overrides.add(set);
    }
    if (dumpConfig) {
      return RunPreflight.dumpConfig(config, overrides, spec.commandLine().getOut(), err);
    }
    if (!addedRules.isEmpty() || (rules.isEmpty() && ruleset == null)) {
      try {
        rules =
            RunPreflight.ruleFiles(rules, addedRules, config, VigilConfig.load(config, overrides));
      } catch (ConfigException e) {
        return usage(err, e.getMessage());
      }
    }
    if ((testConfig || operator.socketRunMode()) && source == null) {
      source =
          new Source(); // none: -T reads no packet, the unix-socket run mode what pcap-file queues
    }
    if (testConfig && logDir == null) {
      logDir = RunPreflight.scratchLogDir();
    }
    if (source == null) {
      return usage(err, "give a packet source: -r <capture>, -q <queue-num> or -i <interface>");
    }
    if (logDir == null) {
      return usage(err, "give the output folder with -l <logdir>");
    }
    String filter;
    try {
      filter = LiveCapture.filterExpression(filterFile, filterWords);
    } catch (IOException | IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (filter != null && source.queue != null) {
      return usage(err, "a BPF filter applies to -i and -r runs, not to -q");
    }
    if (pidfile != null) {
      try {
        LiveCapture.writePidfile(pidfile);
      } catch (IOException e) {
        return usage(err, "--pidfile " + pidfile + ": cannot write it: " + e.getMessage());
      }
    }
    if (rules.isEmpty() == (ruleset == null)) {
      return usage(
          err,
          "give the rules with -S <rules> or a compiled ruleset with --ruleset <x.vrs> (one of them)");
    }
    if (source.capture != null && !Files.exists(source.capture)) {
      return usage(err, "cannot read " + source.capture + ": no such file or folder");
    }
    String badArgument = RunChecks.arguments(logDir, trust, ruleset);
    if (badArgument != null) {
      return usage(err, badArgument);
    }
    VigilConfig cfg;
    ClassificationConfig classes;
    OutputConfig outputConfig;
    ThreadLayout layout;
    try {
      cfg = VigilConfig.load(config, overrides);
      Integer workerCount = threads;
      if (source.ifaces != null) {
        // the interfaces' checksum-checks decide checksum validation for the live run
        List<AfPacketOptions> afp = new LiveCapture(source.ifaces, null, logDir, err).options(cfg);
        String checks = LiveCapture.checksumOverride(afp);
        if (workerCount == null) {
          workerCount = LiveCapture.configuredThreads(afp);
        }
        if (checks != null) {
          List<String> sets = new ArrayList<>(overrides);
          sets.add(checks);
          cfg = VigilConfig.load(config, sets);
        }
      }
      classes = ClassificationConfig.load(cfg.classificationFile());
      outputConfig =
          org.vigil.ship.KafkaOutput.prepare(
              OutputConfig.fromYaml(cfg.get("outputs"), logDir),
              cfg.getString("sensor-name", null));
      layout =
          source.queue != null
              ? InlineQueues.layout(cfg, runmode, threads, InlineQueues.parse(source.queue).size())
              : ThreadLayout.from(cfg, runmode, workerCount);
      org.vigil.engine.ThresholdFiles.load(cfg); // a bad threshold file stops the run before rules
      DatasetConfig.from(cfg); // as a bad datasets section or file
      cfg.packetAlertMax();
    } catch (ConfigException | IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    cfg.warnings().forEach(w -> err.println("vigil run: warning: " + w));
    org.vigil.app.AppLayers app;
    try {
      app = org.vigil.app.AppLayers.load(cfg, Thread.currentThread().getContextClassLoader());
    } catch (ConfigException e) {
      return usage(err, e.getMessage());
    }
    long t0 = System.nanoTime();
    Ruleset rs;
    RuleSource ruleSource = new RuleSource(rules, ruleset, trust, cfg, classes, err);
    RuleReload.Loaded loaded;
    try {
      loaded = ruleSource.load(testConfig || initErrorsFatal);
      rs = loaded == null ? null : loaded.ruleset();
    } catch (IOException e) {
      return usage(err, e.getMessage());
    }
    if (rs == null) {
      return testConfig || initErrorsFatal ? Vigil.EXIT_FAILURE : Vigil.EXIT_USAGE;
    }
    long t1 = System.nanoTime();
    if (testConfig) {
      return RunPreflight.tested(err, rs);
    }
    org.vigil.control.PcapQueue pcaps = new org.vigil.control.PcapQueue();
    try {
      control = RunControl.forRun(source, operator, cfg, layout, ruleSource, loaded, pcaps, err);
    } catch (IOException e) {
      return usage(err, e.getMessage());
    }
    if (source.capture == null && source.queue == null && source.ifaces == null) {
      return new SocketRunMode(control, pcaps, err).run(cfg, classes, app, layout, t1 - t0);
    }
    CaptureFeed feed = null;
    if (source.capture != null) {
      try {
        feed =
            CaptureFeeds.feed(source.capture, pcapRecursive, pcapContinuous, pcapDelete, cfg, err);
      } catch (ConfigException | IllegalArgumentException | IOException e) {
        return usage(err, e.getMessage());
      }
    } else if (pcapRecursive || pcapContinuous || pcapDelete) {
      return usage(
          err,
          "--pcap-file-recursive, --pcap-file-continuous and --pcap-file-delete read capture files (-r)");
    }
    if (source.queue != null && outputConfig.plugins().containsKey(org.vigil.output.PcapLog.NAME)) {
      return usage(
          err,
          "outputs.pcap-log: written by runs over capture files (-r); run -q does not write it");
    }
    if (warmUp != null && source.ifaces == null && source.queue == null) {
      return usage(err, "--warm-up runs before a live capture (-i) or an inline run (-q)");
    }
    org.vigil.engine.WarmUpSample sample; // used by -i and -q only
    try {
      sample = LiveCapture.warmUpSample(warmUp);
    } catch (IOException e) {
      return usage(err, "--warm-up " + warmUp + ": " + e.getMessage());
    }
    if (source.queue != null) {
      int rc =
          new InlineCapture(source.queue, logDir, err)
              .control(control)
              .warmUp(sample)
              .run(rs, cfg, classes, outputConfig, app, layout, t1 - t0);
      DatasetConfig.save(rs, err);
      return rc;
    }
    if (source.ifaces != null) {
      int rc =
          new LiveCapture(source.ifaces, filter, logDir, err)
              .control(control)
              .warmUp(sample)
              .run(rs, cfg, classes, outputConfig, app, layout, t1 - t0);
      DatasetConfig.save(rs, err);
      return rc;
    }
    org.vigil.acquire.bpf.BpfFilter bpf = null;
    if (filter != null) {
      try {
        bpf = new org.vigil.acquire.bpf.BpfFilter(filter);
      } catch (IllegalArgumentException e) {
        return usage(err, e.getMessage());
      }
    }
    int rc = runCaptures(rs, cfg, classes, outputConfig, app, layout, feed, bpf, err, t0, t1);
    DatasetConfig.save(rs, err);
    return rc;
  }

  /** {@code -r}: every capture of the file or folder, in the run mode of {@code layout}. */
  private int runCaptures(
      Ruleset rs,
      VigilConfig cfg,
      ClassificationConfig classes,
      OutputConfig outputConfig,
      org.vigil.app.AppLayers app,
      ThreadLayout layout,
      CaptureFeed feed,
      org.vigil.acquire.bpf.BpfFilter bpf,
      PrintWriter err,
      long t0,
      long t1) {
    boolean watched = feed.known() == null;
    try (Outputs out = Outputs.open(logDir, outputConfig)) {
      EngineAssembly engine =
          new EngineAssembly(
                  rs,
                  cfg,
                  out,
                  new AlertEventMapper(classes),
                  app,
                  layout,
                  Thread.currentThread().getContextClassLoader())
              .filter(bpf);
      Run run = engine.run();
      control.attach(engine, run, out);
      boolean single = layout.mode() == RunMode.SINGLE;
      if (single && !watched) {
        run.showProgress(System.err);
      }
      if (watched) {
        err.printf(
            "vigil: %d rules ready in %.2f s; watching %s for captures until SIGINT/SIGTERM; logs in %s%n",
            rs.size(), (t1 - t0) / 1e9, source.capture, logDir);
        err.flush();
        try (StopSignals signals = StopSignals.install(run::stop)) {
          run.run(PacketSource.captures(feed));
        }
        CaptureFeeds.skipped(
            err,
            source.capture,
            feed.skippedFolders(),
            pcapRecursive || cfg.getBoolean("pcap-file.recursive", false));
      } else {
        run.run(PacketSource.captures(feed));
      }
      long t2 = System.nanoTime();
      if (single) {
        err.printf(
            "vigil: %d rules ready in %.2f s; %d packets in %.2f s; %d alerts; logs in %s%n",
            rs.size(), (t1 - t0) / 1e9, run.packets(), (t2 - t1) / 1e9, run.alerts(), logDir);
      } else {
        err.printf(
            "vigil: %d rules ready in %.2f s; %d packets in %.2f s (%s, %d worker threads); %d alerts; logs in %s%n",
            rs.size(),
            (t1 - t0) / 1e9,
            run.packets(),
            (t2 - t1) / 1e9,
            layout.mode().name().toLowerCase(java.util.Locale.ROOT),
            layout.workers().size(),
            run.alerts(),
            logDir);
      }
      for (String m : run.errorMessages()) {
        err.println("vigil: " + m);
      }
      for (String m : run.pathStats().captureErrorMessages()) {
        err.println("vigil: " + m);
      }
      String unread = RunChecks.input(run.pathStats());
      return unread != null ? usage(err, unread) : 0;
    } catch (ConfigException e) {
      return usage(err, e.getMessage());
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("vigil run: " + RunChecks.reason(e));
      err.flush();
      return Vigil.EXIT_FAILURE;
    }
  }

  static int usage(PrintWriter err, String message) {
    err.println("vigil run: " + message);
    err.flush();
    return Vigil.EXIT_USAGE;
  }
}
