package org.vigil.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil run}: detection over capture files, a live interface or NFQUEUE. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run detection over captures, a live interface or NFQUEUE.")
final class RunCommand implements Callable<Integer> {

  /** Exactly one packet source. */
  static final class Source {
    @Option(names = "-r", paramLabel = "<pcap|pcapng file|dir>", description = "Read a capture file or a folder of captures.")
    Path capture;

    @Option(names = "-q", paramLabel = "<queue-num>", description = "Run inline on a Linux NFQUEUE.")
    Integer queue;

    @Option(names = "-i", paramLabel = "<interface>", description = "Passive live capture on an interface.")
    String iface;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "-S", paramLabel = "<rules>", description = "Rule file or folder, compiled in memory; repeatable.")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--ruleset", paramLabel = "<x.vrs>", description = "A ruleset compiled by 'vigil compile'.")
  Path ruleset;

  @Option(names = "-l", paramLabel = "<logdir>", required = true, description = "Output folder.")
  Path logDir;

  @Option(names = "-c", paramLabel = "vigil.yaml", description = "Configuration file.")
  Path config;

  @Option(names = "--set", paramLabel = "key=value", description = "Override a vigil.yaml key; repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--runmode", paramLabel = "single|workers|autofp", description = "Thread layout (default single).")
  String runmode = "single";

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads for workers/autofp.")
  Integer threads;

  @Override
  public Integer call() {
    return NotBuiltYet.report("run");
  }
}
