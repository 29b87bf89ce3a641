package org.vigil.detect.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * java.util.regex searches of one pattern over byte buffers read as Latin-1 characters, under read
 * budgets (see {@link BudgetedLatin1}); each thread keeps one matcher and one character view and
 * reuses them, so a search allocates nothing. A first search sees the subject as the whole text
 * ({@code ^} and lookbehind stop at its start); a retry sees the whole buffer with {@code ^} only
 * at its start: java.util.regex with a region, transparent and non-anchoring bounds.
 */
final class BudgetedSearch {
  /** {@link #find} result: the budget ran out (or the stack did) before the search ended. */
  static final long EXHAUSTED = -3;

  private final Pattern pattern;
  private final ThreadLocal<State> states;

  /** One thread's matcher over its reusable character view. */
  private static final class State {
    final BudgetedLatin1 text = new BudgetedLatin1();
    final Matcher matcher;

    State(Pattern pattern) {
      matcher = pattern.matcher(text);
      matcher.useAnchoringBounds(false);
      matcher.useTransparentBounds(true);
    }
  }

  BudgetedSearch(Pattern pattern) {
    this.pattern = pattern;
    this.states = ThreadLocal.withInitial(() -> new State(pattern));
  }

  Pattern pattern() {
    return pattern;
  }

  /**
   * One java.util.regex search (find, or lookingAt when {@code anchored}) from {@code from} that
   * may read {@code total} characters: {@code (start << 32) | end} in buffer positions, {@link
   * PcreProgram#NO_MATCH} or {@link #EXHAUSTED}. {@code from} is in {@code [0, len]}.
   */
  long find(byte[] data, int base, int len, int subject, int from, boolean anchored, long total) {
    int origin = from > subject ? 0 : from;
    int n = len - origin;
    State st = states.get();
    BudgetedLatin1 text = st.text;
    Matcher m = st.matcher;
    text.set(data, base + origin, n, total);
    try {
      m.region(from - origin, n);
      boolean ok = anchored ? m.lookingAt() : m.find();
      return ok ? position(m, origin) : PcreProgram.NO_MATCH;
    } catch (BudgetedLatin1.Exhausted | StackOverflowError e) {
      return EXHAUSTED;
    } finally {
      text.release();
    }
  }

  /**
   * The unanchored {@link #find} of a pattern with {@code anchor} ({@link LineAnchor}), trying only
   * the start positions its {@code ^} allows: the same first match, found with fewer reads (the
   * positions skipped would have read one character each to fail). Same result encoding.
   */
  long findAtLineStarts(
      byte[] data, int base, int len, int subject, int from, LineAnchor anchor, long total) {
    int origin = from > subject ? 0 : from;
    int n = len - origin;
    int at = base + origin;
    State st = states.get();
    BudgetedLatin1 text = st.text;
    Matcher m = st.matcher;
    text.set(data, at, n, total);
    try {
      byte[] prefix = anchor.prefix;
      int s = from - origin;
      while (s < n) {
        if (prefix.length > 0) {
          // the next place the prefix starts, which must also be a line start
          s = Primitives.find(data, at, s, n, prefix, anchor.nocase);
          if (s < 0) {
            break;
          }
        }
        if (s == 0 || data[at + s - 1] == '\n') {
          m.region(s, n);
          if (m.lookingAt()) {
            return position(m, origin);
          }
          s++;
        } else if (prefix.length > 0) {
          s++;
        } else {
          // the next line start
          s = Primitives.find(data, at, s, n, NEWLINE, false);
          if (s < 0) {
            break;
          }
          s++;
        }
      }
      return PcreProgram.NO_MATCH;
    } catch (BudgetedLatin1.Exhausted | StackOverflowError e) {
      return EXHAUSTED;
    } finally {
      text.release();
    }
  }

  private static final byte[] NEWLINE = {'\n'};

  /**
   * The search as PCRE2 bounds it: one anchored attempt per start position from {@code from}, each
   * within {@code perStart} reads, all within {@code total}; {@link #EXHAUSTED} when one attempt or
   * the whole search runs out (PCRE2 fails the whole match when one start position hits its limit).
   */
  long findPerStart(
      byte[] data, int base, int len, int subject, int from, long perStart, long total) {
    int origin = from > subject ? 0 : from;
    int n = len - origin;
    State st = states.get();
    BudgetedLatin1 text = st.text;
    Matcher m = st.matcher;
    text.set(data, base + origin, n, total);
    try {
      for (int i = from - origin; i <= n; i++) {
        text.attempt(perStart);
        m.region(i, n);
        if (m.lookingAt()) {
          return position(m, origin);
        }
      }
      return PcreProgram.NO_MATCH;
    } catch (BudgetedLatin1.Exhausted | StackOverflowError e) {
      return EXHAUSTED;
    } finally {
      text.release();
    }
  }

  private static long position(Matcher m, int origin) {
    return ((long) (m.start() + origin) << 32) | ((m.end() + origin) & 0xffffffffL);
  }
}
