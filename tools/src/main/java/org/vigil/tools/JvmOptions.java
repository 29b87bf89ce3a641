package org.vigil.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.config.ConfigException;
import org.vigil.config.Memcaps;
import org.vigil.config.VigilConfig;

/**
 * The launcher's helper: prints the JVM options a {@code vigil run} command line asks for, on three
 * lines: the memory limits ({@code -Xmx}, direct memory) from the configuration's memcaps or {@code
 * max-memory}, the garbage collector and its sizing for the run ({@link GcPlan}), then the JIT
 * compiler's flags ({@link JitPlan}; tab-separated, for the installation's path in {@code
 * vigil.home}). A bad configuration prints its message and exits 2.
 */
public final class JvmOptions {
  private JvmOptions() {}

  /** Entry point: {@code args} are the arguments of {@code vigil run}. */
  public static void main(String[] args) {
    try {
      RunArgs run = RunArgs.parse(args);
      VigilConfig config = VigilConfig.load(run.config(), run.sets());
      System.out.println(Memcaps.from(config).jvmOptions());
      System.out.println(GcPlan.forRun(run.source()).line());
      System.out.println(jitFor(args, home()).line());
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

  /** The collector for a {@code vigil run} with {@code args}. */
  static GcPlan gcFor(String[] args) {
    return GcPlan.forRun(RunArgs.parse(args).source());
  }

  /** The JIT flags for a {@code vigil run} with {@code args}, Vigil installed in {@code home}. */
  static JitPlan jitFor(String[] args, Path home) {
    return JitPlan.forRun(RunArgs.parse(args).source(), home);
  }

  private static Path home() {
    String home = System.getProperty("vigil.home");
    return home == null ? null : Path.of(home);
  }

  /** What the launcher's helper reads of a {@code vigil run} command line. */
  record RunArgs(Path config, List<String> sets, GcPlan.Source source) {

    static RunArgs parse(String[] args) {
      Path config = null;
      List<String> sets = new ArrayList<>();
      GcPlan.Source source = GcPlan.Source.CAPTURE;
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
        if (!List.of("-c", "--set", "-i", "-q").contains(name)) {
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
          case "-i" -> source = GcPlan.Source.LIVE;
          default -> source = GcPlan.Source.INLINE;
        }
      }
      return new RunArgs(config, sets, source);
    }
  }
}
