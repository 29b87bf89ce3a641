package org.vigil.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil inspect}: what a compiled ruleset holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show the port groups, rules and generated code of a ruleset.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<ruleset.vrs>")
  Path ruleset;

  @Option(names = "--groups", description = "List the port groups with rule counts and fast patterns.")
  boolean groups;

  @Option(names = "--sid", paramLabel = "N", description = "Show one rule's IR and generated code.")
  Long sid;

  @Option(names = "--bytecode", description = "Show the raw bytecode listing.")
  boolean bytecode;

  @Override
  public Integer call() {
    return NotBuiltYet.report("inspect");
  }
}
