package org.vigil.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil alerts}: print or follow a log directory's durable alert log. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Print or follow the durable alert log of a log directory.")
final class AlertsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<logdir>")
  Path logDir;

  @Option(names = "--follow", description = "Keep printing alerts as a running 'vigil run' appends them.")
  boolean follow;

  @Option(names = "--format", paramLabel = "eve|fast", description = "Output format (default eve).")
  String format = "eve";

  @Override
  public Integer call() {
    return NotBuiltYet.report("alerts");
  }
}
