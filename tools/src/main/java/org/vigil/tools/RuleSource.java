package org.vigil.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.control.RuleReload;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.RuleGuard;
import org.vigil.detect.artifact.VrsKeys;

/**
 * Where a run's rules come from: rule files compiled in memory, or a compiled .vrs (with its trust
 * key); loaded at the start and again on each rule reload, every load guarded by the same {@link
 * RuleGuard} so its counters run on.
 */
final class RuleSource implements RuleReload.Loader {
  private final List<Path> rules;
  private final Path vrs;
  private final Path trust;
  private final VigilConfig cfg;
  private final ClassificationConfig classes;
  private final PrintWriter err;
  private final RuleGuard guard;

  RuleSource(
      List<Path> rules,
      Path vrs,
      Path trust,
      VigilConfig cfg,
      ClassificationConfig classes,
      PrintWriter err) {
    this.rules = rules;
    this.vrs = vrs;
    this.trust = trust;
    this.cfg = cfg;
    this.classes = classes;
    this.err = err;
    this.guard = RuleLoader.guard(cfg);
  }

  /**
   * Loads the rules, printing bad rules and the counts; null when none could be loaded, or with
   * {@code failOnRuleError} when any failed.
   */
  RuleReload.Loaded load(boolean failOnRuleError) throws java.io.IOException {
    long t0 = System.nanoTime();
    RuleReload.Loaded l = loadTimed(failOnRuleError);
    err.printf("vigil: perf: rules loaded in %.3f s%n", (System.nanoTime() - t0) / 1e9);
    err.flush();
    return l;
  }

  private RuleReload.Loaded loadTimed(boolean failOnRuleError) throws java.io.IOException {
    if (vrs != null) {
      Ruleset rs = RulesetLinker.load(vrs, trust == null ? null : VrsKeys.readPublic(trust), guard);
      return new RuleReload.Loaded(rs, rs.size(), 0);
    }
    long[] counts = new long[2];
    Ruleset rs = RuleLoader.compile(rules, cfg, classes, err, failOnRuleError, guard, counts);
    return rs == null ? null : new RuleReload.Loaded(rs, counts[0], counts[1]);
  }

  @Override
  public RuleReload.Loaded load() throws java.io.IOException {
    return load(false);
  }
}
