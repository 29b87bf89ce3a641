package org.vigil.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil compile}: rule files to one compiled ruleset artifact. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Compile rule files into a ruleset artifact (.vrs).")
final class CompileCommand implements Callable<Integer> {
  @Option(names = "-S", paramLabel = "<rules file|dir>", required = true, description = "Rule file or folder; repeatable.")
  List<Path> rules = new ArrayList<>();

  @Option(names = "-c", paramLabel = "vigil.yaml", description = "Configuration file.")
  Path config;

  @Option(names = "--set", paramLabel = "key=value", description = "Override a vigil.yaml key; repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "-o", paramLabel = "<ruleset.vrs>", description = "The compiled ruleset to write.")
  Path output;

  @Option(names = "--report", paramLabel = "report.json", description = "Write a JSON report of loaded and failed rules.")
  Path report;

  @Option(names = "--check", description = "Stop after the front end: parse and check the rules, write no artifact.")
  boolean check;

  @Override
  public Integer call() {
    return NotBuiltYet.report("compile");
  }
}
