package org.vigil.tools;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command: entry point that dispatches to compile, run, inspect, alerts and ship.
 */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Vigil: an IDS/IPS for the JVM that compiles Snort 2.x rules into bytecode.",
    subcommands = {
      CompileCommand.class,
      RunCommand.class,
      InspectCommand.class,
      AlertsCommand.class,
      ShipCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Vigil implements Runnable, CommandLine.IExitCodeGenerator {

  /** Exit code for a run-time failure. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for bad usage or unreadable input. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--build-info",
      description = "Print the version, platform and what this build supports, then exit.")
  boolean buildInfo;

  @CommandLine.Option(
      names = "--list-keywords",
      arity = "0..1",
      fallbackValue = "all",
      paramLabel = "all|NAME",
      description = "List the rule keywords (all), or say whether one is supported, then exit.")
  String listKeywords;

  @CommandLine.Option(
      names = "--list-runmodes",
      description = "List the run modes per packet source, then exit.")
  boolean listRunmodes;

  private int infoExit;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (buildInfo) {
      infoExit = InfoFlags.buildInfo(out);
    } else if (listKeywords != null) {
      infoExit = InfoFlags.listKeywords(listKeywords, out, spec.commandLine().getErr());
    } else if (listRunmodes) {
      infoExit = InfoFlags.listRunmodes(out);
    } else {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
  }

  @Override
  public int getExitCode() {
    return infoExit;
  }

  /** Builds the command line with Vigil's exit-code conventions (2 for bad usage). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Vigil());
    cl.setExitCodeExceptionMapper(
        t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof org.vigil.config.ConfigException
              || e instanceof org.vigil.output.OutputConfigException) {
            // a setting found bad only when the run opens what it configures
            cmd.getErr().println("vigil " + cmd.getCommandName() + ": " + e.getMessage());
            cmd.getErr().flush();
            return EXIT_USAGE;
          }
          cmd.getErr()
              .println(
                  "vigil "
                      + cmd.getCommandName()
                      + ": internal error: "
                      + RunChecks.reason(e)
                      + " ("
                      + e.getClass().getName()
                      + "; set VIGIL_DEBUG=1 for the stack trace)");
          if (System.getenv("VIGIL_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
          }
          cmd.getErr().flush();
          return EXIT_FAILURE;
        });
    return cl;
  }

  public static void main(String[] args) {
    StopSignals.keepHangupIgnored();
    System.exit(commandLine().execute(args));
  }
}
