package org.vigil.detect.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run-time limits of one ruleset's rules and the counters of their hits: the pcre match limits
 * (Suricata's {@code pcre.match-limit} and {@code pcre.match-limit-recursion}) that bound the
 * backtracking pcre engine, searches that hit them, and rules that failed at run time. Shared by
 * all detect threads of a ruleset (the counters are thread-safe and only move on rare events).
 */
public final class RuleGuard {
  /** Suricata's default {@code pcre.match-limit}. */
  public static final int DEFAULT_MATCH_LIMIT = 3500;

  /** Suricata's default {@code pcre.match-limit-recursion}. */
  public static final int DEFAULT_MATCH_LIMIT_RECURSION = 1500;

  /**
   * Character reads a backtracking search may spend per subject byte (a linear scan with slack).
   */
  static final int STEPS_PER_BYTE = 16;

  /** Start-position budgets a whole backtracking search may spend. */
  static final int START_BUDGETS = 16;

  /**
   * Character reads a backtracking search may spend per PCRE2 match-limit unit (one backtracking
   * point).
   */
  static final int STEPS_PER_MATCH = 100;

  /** The ruleset owner that hands its guard to the static initializers of generated classes. */
  public interface Host {
    /** The guard of the ruleset whose classes this loader defines. */
    RuleGuard ruleGuard();
  }

  private final int matchLimit;
  private final int matchLimitRecursion;
  private final LongAdder pcreLimitExceeded = new LongAdder();
  private final LongAdder ruleErrors = new LongAdder();
  private final Datasets datasets;

  /** A guard with the given limits (each at least 1), its datasets in memory only. */
  public RuleGuard(int matchLimit, int matchLimitRecursion) {
    this(matchLimit, matchLimitRecursion, Datasets.inMemory());
  }

  /** A guard with the given limits (each at least 1) whose rules use {@code datasets}. */
  public RuleGuard(int matchLimit, int matchLimitRecursion, Datasets datasets) {
    this.datasets = datasets;
    if (matchLimit < 1 || matchLimitRecursion < 1) {
      throw new IllegalArgumentException("pcre match limits must be at least 1");
    }
    this.matchLimit = matchLimit;
    this.matchLimitRecursion = matchLimitRecursion;
  }

  /** A guard with Suricata's default limits. */
  public static RuleGuard defaults() {
    return new RuleGuard(DEFAULT_MATCH_LIMIT, DEFAULT_MATCH_LIMIT_RECURSION);
  }

  /**
   * The guard a generated class's static initializer links its pcre programs to: the one of the
   * ruleset loader that defined {@code generated}, or a fresh default one for a class defined
   * elsewhere (tests).
   */
  public static RuleGuard of(Class<?> generated) {
    return generated.getClassLoader() instanceof Host h ? h.ruleGuard() : defaults();
  }

  /** The datasets the ruleset's dataset and datarep options use. */
  public Datasets datasets() {
    return datasets;
  }

  /** {@code pcre.match-limit}. */
  public int matchLimit() {
    return matchLimit;
  }

  /** {@code pcre.match-limit-recursion}. */
  public int matchLimitRecursion() {
    return matchLimitRecursion;
  }

  /**
   * The read budget of one start position of a backtracking search, in character reads: {@value
   * #STEPS_PER_MATCH} per match-limit unit. PCRE2 counts its match limit per start position, in
   * backtracking points; a java.util.regex backtrack re-reads a few characters, so an attempt
   * within this budget is one PCRE2 would have let finish.
   */
  public long startBudget() {
    return (long) STEPS_PER_MATCH * matchLimit;
  }

  /**
   * The read budget of a whole backtracking search over {@code subjectLength} bytes: the budget of
   * {@value #START_BUDGETS} start positions plus {@value #STEPS_PER_BYTE} reads per byte, so that
   * no search costs more than a few million reads (milliseconds) whatever the subject.
   */
  public long searchBudget(int subjectLength) {
    return START_BUDGETS * startBudget()
        + (long) STEPS_PER_BYTE * (Math.max(0, subjectLength) + 1L);
  }

  /** Counts a pcre search stopped by its budget (or by running out of stack). */
  public void pcreLimitExceeded() {
    pcreLimitExceeded.increment();
  }

  /** pcre searches stopped by their budget so far. */
  public long pcreLimitsExceeded() {
    return pcreLimitExceeded.sum();
  }

  /** Counts a rule evaluation that failed with an exception or error. */
  public void ruleError() {
    ruleErrors.increment();
  }

  /** Rule evaluations that failed so far. */
  public long ruleErrors() {
    return ruleErrors.sum();
  }

  /**
   * Adds {@code pcre_limit_exceeded} and {@code rule_errors} to the {@code detect} section of a
   * stats tree (created when absent); returns {@code stats}.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> addTo(Map<String, Object> stats) {
    Object d = stats.get("detect");
    Map<String, Object> detect;
    if (d instanceof Map<?, ?> m) {
      detect = (Map<String, Object>) m;
    } else {
      detect = new LinkedHashMap<>();
      stats.put("detect", detect);
    }
    detect.put("pcre_limit_exceeded", pcreLimitsExceeded());
    detect.put("rule_errors", ruleErrors());
    return stats;
  }
}
