package org.vigil.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.config.ConfigException;
import org.vigil.config.Memcaps;
import org.vigil.config.VigilConfig;
import org.vigil.engine.ThreadLayout;

/**
 * The launcher's helper: prints the JVM options a {@code vigil run} command line asks for, on two
 * lines: the memory limits ({@code -Xmx}, direct memory) from the configuration's memcaps or {@code
 * max-memory}, then the garbage collector and its sizing for the run ({@link GcPlan}). A bad
 * configuration prints its message and exits 2.
 */
public final class JvmOptions {
  private JvmOptions() {}

  /** Entry point: {@code args} are the arguments of {@code vigil run}. */
  public static void main(String[] args) {
    try {
      RunArgs run = RunArgs.parse(args);
      VigilConfig config = VigilConfig.load(run.config(), run.sets());
      System.out.println(Memcaps.from(config).jvmOptions());
      System.out.println(gcPlan(run, config, Runtime.getRuntime().availableProcessors()).line());
    } catch (ConfigException e) {
      System.err.println("vigil run: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * The memory options for a {@code vigil run} with {@code args} ({@code -c file} and {@code --set
   * key=value} are read; picocli's {@code -c=file}, {@code -cfile} and {@code --set=k=v} too).
   */
  static String forRun(String[] args) {
    RunArgs run = RunArgs.parse(args);
    return Memcaps.from(VigilConfig.load(run.config(), run.sets())).jvmOptions();
  }

  /** The collector for a {@code vigil run} with {@code args} on {@code cpus} CPUs. */
  static GcPlan gcFor(String[] args, int cpus) {
    RunArgs run = RunArgs.parse(args);
    return gcPlan(run, VigilConfig.load(run.config(), run.sets()), cpus);
  }

  private static GcPlan gcPlan(RunArgs run, VigilConfig config, int cpus) {
    int workers;
    try {
      workers = ThreadLayout.from(config, run.runmode(), run.threads()).workers().size();
    } catch (ConfigException | IllegalArgumentException e) {
      workers = 0; // the run itself reports a bad thread layout, with its own message
    }
    return GcPlan.forRun(run.source(), workers, cpus);
  }

  /** What the launcher's helper reads of a {@code vigil run} command line. */
  record RunArgs(
      Path config, List<String> sets, GcPlan.Source source, String runmode, Integer threads) {

    static RunArgs parse(String[] args) {
      Path config = null;
      List<String> sets = new ArrayList<>();
      GcPlan.Source source = GcPlan.Source.CAPTURE;
      String runmode = null;
      Integer threads = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--")) {
          break;
        }
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        } else if (!a.startsWith("--") && a.length() > 2 && a.startsWith("-")) {
          name = a.substring(0, 2);
          value = a.substring(a.charAt(2) == '=' ? 3 : 2);
        }
        if (!List.of("-c", "--set", "--runmode", "--threads", "-i", "-q").contains(name)) {
          continue;
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            break; // picocli reports the missing value
          }
          value = args[++i];
        }
        switch (name) {
          case "-c" -> config = Path.of(value);
          case "--set" -> sets.add(value);
          case "--runmode" -> runmode = value;
          case "--threads" -> threads = number(value);
          case "-i" -> source = GcPlan.Source.LIVE;
          default -> source = GcPlan.Source.INLINE;
        }
      }
      return new RunArgs(config, sets, source, runmode, threads);
    }

    private static Integer number(String value) {
      try {
        return Integer.valueOf(value.strip());
      } catch (NumberFormatException e) {
        return null; // the run reports it
      }
    }
  }
}
