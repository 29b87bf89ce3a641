package org.vigil.detect.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.detect.artifact.RuleMeta;

/**
 * The threshold file's filters resolved per rule with Suricata's precedence, in file order: a
 * suppress adds to whatever the rule has; a threshold/event_filter naming the rule replaces the
 * rule's own {@code threshold:}/{@code detection_filter} (the last such line wins); a rate_filter
 * naming the rule, and any filter for all rules (sig_id 0), applies only to a rule without a
 * counting filter yet. Immutable but for a cache of resolutions (thread-safe).
 */
public final class ThresholdPolicy {
  /** No threshold file: each rule has its own threshold only (a new cache: one per ruleset). */
  public static ThresholdPolicy none() {
    return new ThresholdPolicy(List.of(), "");
  }

  private final List<GlobalFilter> filters;
  private final String source;
  private final ConcurrentHashMap<Integer, RuleFilters> cache = new ConcurrentHashMap<>();

  /** The policy of {@code filters}, read from {@code source} (a file name, for messages). */
  public ThresholdPolicy(List<GlobalFilter> filters, String source) {
    this.filters = List.copyOf(filters);
    this.source = source;
  }

  /** The filters of the threshold file, in file order. */
  public List<GlobalFilter> filters() {
    return filters;
  }

  /** Where the filters were read from (empty for none). */
  public String source() {
    return source;
  }

  /**
   * The filters deciding the alerts of {@code rule}, cached by {@link RuleMeta#index()}: use one
   * policy per ruleset.
   */
  public RuleFilters of(RuleMeta rule) {
    if (filters.isEmpty() && rule.rateLimit() == null) {
      return RuleFilters.NONE;
    }
    RuleFilters f = cache.get(rule.index());
    if (f == null) {
      f = resolve(rule);
      cache.put(rule.index(), f);
    }
    return f;
  }

  /** Resolves {@code rule}'s filters without the cache. */
  public RuleFilters resolve(RuleMeta rule) {
    return resolve(rule, new ArrayList<>());
  }

  /**
   * Resolves {@code rule}'s filters; the lines that name the rule but do not apply are added to
   * {@code ignored}.
   */
  public RuleFilters resolve(RuleMeta rule, List<GlobalFilter> ignored) {
    boolean noAlert = false;
    List<SuppressFilter> suppress = new ArrayList<>();
    List<CountingFilter> counting = new ArrayList<>();
    RuleMeta.RateLimit own = rule.rateLimit();
    if (own != null) {
      counting.add(
          new ThresholdFilter(
              rule.gid(),
              rule.sid(),
              own.kind(),
              own.bySrc() ? Track.BY_SRC : Track.BY_DST,
              own.count(),
              own.seconds(),
              "rule"));
    }
    for (GlobalFilter g : filters) {
      if (!g.appliesTo(rule.gid(), rule.sid())) {
        continue;
      }
      switch (g) {
        case SuppressFilter s -> {
          if (s.track() == null) {
            noAlert = true;
          } else {
            suppress.add(s);
          }
        }
        case ThresholdFilter t -> {
          if (t.specific()) {
            if (!counting.isEmpty()) {
              ignored.add(counting.removeLast());
            }
            counting.add(t);
          } else if (counting.isEmpty()) {
            counting.add(t);
          } else {
            ignored.add(t);
          }
        }
        case RateFilter r -> {
          if (counting.isEmpty()) {
            counting.add(r);
          } else {
            ignored.add(r);
          }
        }
      }
    }
    if (!noAlert && suppress.isEmpty() && counting.isEmpty()) {
      return RuleFilters.NONE;
    }
    return new RuleFilters(noAlert, List.copyOf(suppress), List.copyOf(counting));
  }
}
