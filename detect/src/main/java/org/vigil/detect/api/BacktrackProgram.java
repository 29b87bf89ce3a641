package org.vigil.detect.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pcre run by java.util.regex (backtracking: back references, lookaround, atomic groups, ...)
 * under read budgets in the spirit of PCRE2's match limit: the subject is read through a character
 * sequence that counts reads; each start position may spend {@link RuleGuard#startBudget} and the
 * whole search {@link RuleGuard#searchBudget}. A search that runs out of budget or of stack is
 * counted and fails (as PCRE2 fails the whole match when one start position hits the limit).
 */
public final class BacktrackProgram implements PcreProgram {
  private final Pattern pattern;
  private final RuleGuard guard;

  /**
   * True when the pattern uses \G, which only means "where the search starts" in a single find().
   */
  private final boolean startsAtSearch;

  /** {@code pattern} under the limits and counters of {@code guard}. */
  public BacktrackProgram(Pattern pattern, RuleGuard guard) {
    this.pattern = pattern;
    this.guard = guard;
    this.startsAtSearch = pattern.pattern().contains("\\G");
  }

  /** The java.util.regex pattern. */
  public Pattern pattern() {
    return pattern;
  }

  @Override
  public long search(byte[] data, int base, int len, int subject, int from, boolean anchored) {
    if (from < 0) {
      from = 0;
    }
    if (from > len) {
      return NO_MATCH;
    }
    // A first search sees the subject as the whole text (^ and lookbehind stop at its start); a
    // retry
    // sees the whole buffer, with ^ only at its start: as java.util.regex with a region and bounds.
    int origin = from > subject ? 0 : from;
    int n = len - origin;
    BudgetedLatin1 text = new BudgetedLatin1(data, base + origin, n, guard.searchBudget(n));
    long start = guard.startBudget();
    try {
      Matcher m = pattern.matcher(text);
      m.useAnchoringBounds(false);
      m.useTransparentBounds(true);
      if (anchored || startsAtSearch) {
        // an anchored search has one start position; a \G search is one find() within the total
        // budget
        text.attempt(anchored ? start : Long.MAX_VALUE);
        m.region(from - origin, n);
        boolean ok = anchored ? m.lookingAt() : m.find();
        return ok ? position(m, origin) : NO_MATCH;
      }
      // one anchored attempt per start position, each with its own budget as PCRE2's match limit
      for (int i = from - origin; i <= n; i++) {
        text.attempt(start);
        m.region(i, n);
        if (m.lookingAt()) {
          return position(m, origin);
        }
      }
      return NO_MATCH;
    } catch (BudgetedLatin1.Exhausted | StackOverflowError e) {
      guard.pcreLimitExceeded();
      return LIMIT;
    }
  }

  private static long position(Matcher m, int origin) {
    return ((long) (m.start() + origin) << 32) | ((m.end() + origin) & 0xffffffffL);
  }

  /** A byte range read as Latin-1 characters that throws {@link Exhausted} past its read budget. */
  static final class BudgetedLatin1 implements CharSequence {
    /** Thrown (one shared instance, no stack trace) when the budget is spent. */
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted() {
        super("pcre step budget exhausted", null, false, false);
      }
    }

    private static final Exhausted EXHAUSTED = new Exhausted();

    private final byte[] data;
    private final int base;
    private final int len;
    private long total;
    private long attempt;

    BudgetedLatin1(byte[] data, int base, int len, long total) {
      this.data = data;
      this.base = base;
      this.len = len;
      this.total = total;
      this.attempt = total;
    }

    /** Starts an attempt that may spend {@code budget} reads (within what is left of the total). */
    void attempt(long budget) {
      attempt = budget;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      if (--attempt < 0 || --total < 0) {
        throw EXHAUSTED;
      }
      return (char) (data[base + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new PcreSupport.Latin1(data, base + start, end - start);
    }

    @Override
    public String toString() {
      return new String(data, base, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
