package org.vigil.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.config.ConfigException;
import org.vigil.config.Memcaps;
import org.vigil.config.VigilConfig;

/**
 * The launcher's helper: prints the JVM memory options ({@code -Xmx}, direct memory) that the
 * configuration a {@code vigil run} command line names asks for, from its memcaps or {@code
 * max-memory}. A bad configuration prints its message and exits 2.
 */
public final class JvmOptions {
  private JvmOptions() {}

  /** Entry point: {@code args} are the arguments of {@code vigil run}. */
  public static void main(String[] args) {
    try {
      System.out.println(forRun(args));
    } catch (ConfigException e) {
      System.err.println("vigil run: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * The JVM options for a {@code vigil run} with {@code args} ({@code -c file} and {@code --set
   * key=value} are read; picocli's {@code -c=file}, {@code -cfile} and {@code --set=k=v} too).
   */
  static String forRun(String[] args) {
    Path config = null;
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      } else if (a.equals("-c") || a.equals("--set")) {
        if (i + 1 >= args.length) {
          break; // picocli reports the missing value
        }
        String v = args[++i];
        if (a.equals("-c")) {
          config = Path.of(v);
        } else {
          sets.add(v);
        }
      } else if (a.startsWith("--set=")) {
        sets.add(a.substring("--set=".length()));
      } else if (a.startsWith("-c=")) {
        config = Path.of(a.substring(3));
      } else if (a.startsWith("-c") && !a.startsWith("--")) {
        config = Path.of(a.substring(2));
      }
    }
    return Memcaps.from(VigilConfig.load(config, sets)).jvmOptions();
  }
}
