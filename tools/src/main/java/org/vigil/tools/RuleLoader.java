package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.Diagnostic;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.RuleGuard;
import org.vigil.detect.artifact.VrsKeys;

/**
 * Gets a ruleset for a run: compiled in memory from rule files (same diagnostics as compile) or
 * loaded from a .vrs.
 */
final class RuleLoader {
  private RuleLoader() {}

  /**
   * Loads a compiled ruleset with the pcre limits of {@code cfg}; with {@code trustKey} it must be
   * signed by the Ed25519 public key in that PEM file.
   */
  static Ruleset load(Path vrs, Path trustKey, VigilConfig cfg) throws IOException {
    return RulesetLinker.load(
        vrs, trustKey == null ? null : VrsKeys.readPublic(trustKey), guard(cfg));
  }

  /**
   * The rules' run-time guard: {@code pcre.match-limit} and {@code pcre.match-limit-recursion} of
   * {@code cfg}, and the datasets its {@code datasets:} section defines.
   */
  static RuleGuard guard(VigilConfig cfg) {
    return new RuleGuard(
        cfg.pcreMatchLimit(), cfg.pcreMatchLimitRecursion(), DatasetConfig.from(cfg));
  }

  /**
   * Compiles rule files in memory, printing each bad rule once and a one-line summary to {@code
   * err}; null when no rule could be loaded.
   */
  static Ruleset compile(
      List<Path> rules, VigilConfig cfg, ClassificationConfig classes, PrintWriter err)
      throws IOException {
    return compile(rules, cfg, classes, err, false);
  }

  /**
   * As {@link #compile(List, VigilConfig, ClassificationConfig, PrintWriter)}; with {@code
   * failOnRuleError} (-T, --init-errors-fatal) also null when any rule failed.
   */
  static Ruleset compile(
      List<Path> rules,
      VigilConfig cfg,
      ClassificationConfig classes,
      PrintWriter err,
      boolean failOnRuleError)
      throws IOException {
    return compile(rules, cfg, classes, err, failOnRuleError, guard(cfg), new long[2]);
  }

  /**
   * As {@link #compile(List, VigilConfig, ClassificationConfig, PrintWriter, boolean)}, the rules
   * guarded by {@code guard}; {@code counts} gets the rules loaded and failed.
   */
  static Ruleset compile(
      List<Path> rules,
      VigilConfig cfg,
      ClassificationConfig classes,
      PrintWriter err,
      boolean failOnRuleError,
      RuleGuard guard,
      long[] counts)
      throws IOException {
    Variables vars;
    try {
      vars = Variables.from(cfg);
    } catch (org.vigil.config.ConfigException e) {
      err.println("vigil run: " + e.getMessage());
      err.flush();
      return null;
    }
    ParseResult front = FrontEnd.parse(rules, vars, classes);
    Compilation compiled =
        Compilation.run(front, classes, RulesetCompiler.sourceHash(FrontEnd.expand(rules)));
    ParseResult all = compiled.combined();
    counts[0] = all.rules().size();
    counts[1] = all.failed();
    for (Diagnostic d : all.errors()) {
      err.println(d.format());
    }
    err.printf(
        "vigil: %d rules read, %d loaded, %d failed%n",
        all.total(), all.rules().size(), all.failed());
    err.flush();
    if (failOnRuleError && all.failed() > 0) {
      err.println("vigil run: " + all.failed() + " rules failed to load (errors are fatal)");
      err.flush();
      return null;
    }
    if (all.rules().isEmpty()) {
      err.println("vigil run: no rule could be loaded");
      return null;
    }
    return compiled.backend().link(guard);
  }
}
