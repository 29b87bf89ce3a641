package org.vigil.detect.api;

import java.util.regex.Pattern;

/**
 * A pcre run by java.util.regex (backtracking: back references, lookaround, atomic groups, ...)
 * under read budgets in the spirit of PCRE2's match limit: the subject is read through a character
 * sequence that counts reads; each start position may spend {@link RuleGuard#startBudget} and the
 * whole search {@link RuleGuard#searchBudget}. A search that runs out of budget or of stack is
 * counted and fails (as PCRE2 fails the whole match when one start position hits the limit).
 *
 * <p>A search first runs as one {@code find()} within a single start position's budget: every
 * attempt it makes then stayed within its own budget, so its answer is the per-start one, found
 * with java.util.regex's own start-position skipping. Only a search that spends more is redone one
 * start position at a time.
 */
public final class BacktrackProgram implements PcreProgram {
  private final BudgetedSearch search;
  private final RuleGuard guard;

  /**
   * True when the pattern uses \G, which only means "where the search starts" in a single find().
   */
  private final boolean startsAtSearch;

  /** {@code pattern} under the limits and counters of {@code guard}. */
  public BacktrackProgram(Pattern pattern, RuleGuard guard) {
    this.search = new BudgetedSearch(pattern);
    this.guard = guard;
    this.startsAtSearch = pattern.pattern().contains("\\G");
  }

  /** The java.util.regex pattern. */
  public Pattern pattern() {
    return search.pattern();
  }

  @Override
  public long search(byte[] data, int base, int len, int subject, int from, boolean anchored) {
    if (from < 0) {
      from = 0;
    }
    if (from > len) {
      return NO_MATCH;
    }
    int n = len - (from > subject ? 0 : from);
    long total = guard.searchBudget(n);
    long start = guard.startBudget();
    long r;
    if (anchored) {
      // one start position
      r = search.find(data, base, len, subject, from, true, Math.min(start, total));
    } else if (startsAtSearch) {
      // a \G search is one find() within the total budget
      r = search.find(data, base, len, subject, from, false, total);
    } else {
      r = search.find(data, base, len, subject, from, false, Math.min(start, total));
      if (r == BudgetedSearch.EXHAUSTED) {
        r = search.findPerStart(data, base, len, subject, from, start, total);
      }
    }
    if (r == BudgetedSearch.EXHAUSTED) {
      guard.pcreLimitExceeded();
      return LIMIT;
    }
    return r;
  }
}
