package org.vigil.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.config.ConfigException;
import org.vigil.config.Memcaps;
import org.vigil.config.VigilConfig;
import org.vigil.engine.RunMode;
import org.vigil.engine.ThreadLayout;

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
      System.out.println(memoryOptions(run));
      System.out.println(gcFor(run).line());
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
    return memoryOptions(RunArgs.parse(args));
  }

  /**
   * The memory options of {@code run}: its memcaps, with the defragmentation budget once per
   * defragmenter the run keeps.
   */
  private static String memoryOptions(RunArgs run) {
    VigilConfig config = VigilConfig.load(run.config(), run.sets());
    return Memcaps.from(config).jvmOptions(defragmenters(run, config));
  }

  /**
   * Defragmenters of a run: one per worker when {@code workers} reads capture files, else one
   * (single, the reader of autofp and custom layouts; live and inline runs). Each worker reads
   * every capture and tracks every pending datagram under the whole {@code defrag.memcap} (so all
   * decide evictions and timeouts as the single mode): only the worker that runs a datagram keeps
   * its fragments' bytes, in native memory, but every worker keeps its tracker on the heap, which a
   * flood of tiny fragments fills with most of the budget, once per worker.
   */
  static int defragmenters(RunArgs run, VigilConfig config) {
    if (run.source() != GcPlan.Source.CAPTURE) {
      return 1;
    }
    ThreadLayout layout = ThreadLayout.from(config, run.runmode(), run.threads());
    return layout.mode() == RunMode.WORKERS ? layout.workers().size() : 1;
  }

  /** The collector for a {@code vigil run} with {@code args}. */
  static GcPlan gcFor(String[] args) {
    return gcFor(RunArgs.parse(args));
  }

  /**
   * The collector of {@code run}: capture runs with one young generation share per thread that
   * allocates packets' objects at the same time, the workers of {@code workers} over captures that
   * can run at once (no more than the CPUs the process may use).
   */
  private static GcPlan gcFor(RunArgs run) {
    if (run.source() != GcPlan.Source.CAPTURE) {
      return GcPlan.forRun(run.source());
    }
    int workers = defragmenters(run, VigilConfig.load(run.config(), run.sets()));
    return GcPlan.forRun(
        run.source(), Math.min(workers, Runtime.getRuntime().availableProcessors()));
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
        if (!List.of("-c", "--set", "-i", "-q", "--runmode", "--threads").contains(name)) {
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
          case "--runmode" -> runmode = value;
          case "--threads" -> threads = threadCount(value);
          default -> source = GcPlan.Source.INLINE;
        }
      }
      return new RunArgs(config, sets, source, runmode, threads);
    }

    /** {@code --threads}' value; one that is no number is left to picocli's message. */
    private static Integer threadCount(String value) {
      try {
        return Integer.valueOf(value.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
