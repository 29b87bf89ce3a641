package org.vigil.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command: entry point that dispatches to compile, run, inspect and alerts. */
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
      CommandLine.HelpCommand.class
    })
public final class Vigil implements Runnable {

  /** Exit code for a run-time failure. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for bad usage or unreadable input. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Builds the command line with Vigil's exit-code conventions (2 for bad usage). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Vigil());
    cl.setExitCodeExceptionMapper(
        t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
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
    System.exit(commandLine().execute(args));
  }
}
