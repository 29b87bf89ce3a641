package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;

/**
 * The Suricata operator's flags of {@code vigil run} that act before or instead of a run: {@code
 * -k}, {@code -s} and the configured {@code rule-files}, {@code --dump-config} and {@code -T}.
 */
final class RunPreflight {
  private RunPreflight() {}

  /** The {@code --set} a {@code -k} value stands for; null for a value that is not all or none. */
  static String checksums(String mode) {
    return switch (mode) {
      case "all" -> "checksums.validate=yes";
      case "none" -> "checksums.validate=no";
      default -> null;
    };
  }

  /**
   * The rule files of a run: {@code -S} files when given (as Suricata's {@code -S}, the config's
   * {@code rule-files} are then ignored), else the config's {@code rule-files} (relative ones under
   * {@code default-rule-path}, else the config file's folder); {@code -s} files are added to
   * either.
   */
  static List<Path> ruleFiles(
      List<Path> exclusive, List<Path> added, Path configFile, VigilConfig cfg) {
    List<Path> out = new ArrayList<>();
    if (!exclusive.isEmpty()) {
      out.addAll(exclusive);
    } else {
      Object files = cfg.get("rule-files");
      String dir = cfg.getString("default-rule-path", null);
      Path base =
          dir != null
              ? Path.of(dir)
              : configFile != null ? configFile.toAbsolutePath().getParent() : Path.of(".");
      if (files instanceof List<?> l) {
        for (Object f : l) {
          Path p = Path.of(String.valueOf(f));
          out.add(p.isAbsolute() ? p : base.resolve(p));
        }
      } else if (files != null && !String.valueOf(files).isBlank()) {
        throw new ConfigException(
            "rule-files: expected a list of rule files, found '" + files + "'");
      }
    }
    out.addAll(added);
    return out;
  }

  /** {@code --dump-config}: every effective key as {@code key = value}; the exit code. */
  static int dumpConfig(Path configFile, List<String> overrides, PrintWriter out, PrintWriter err) {
    try {
      VigilConfig.load(configFile, overrides).dump().forEach(out::println);
      out.flush();
      return 0;
    } catch (ConfigException e) {
      err.println("vigil run: " + e.getMessage());
      err.flush();
      return Vigil.EXIT_FAILURE;
    }
  }

  /** A folder for the outputs of {@code -T} when no {@code -l} is given (nothing is written). */
  static Path scratchLogDir() {
    try {
      Path dir = Files.createTempDirectory("vigil-test-config");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The end of {@code -T}: configuration and rules loaded without error. */
  static int tested(PrintWriter err, Ruleset rs) {
    err.println(
        "vigil: configuration and "
            + rs.size()
            + " rules were successfully loaded (-T); exiting without running");
    err.flush();
    return 0;
  }
}
