package org.vigil.detect.api;

/**
 * A linked pcre as generated rule code runs it: the engine is chosen once per pattern when the rule
 * class is initialized ({@link #link}): {@link Re2Program} (java.util.regex within a linear budget,
 * then the linear-time RE2/J) when RE2/J gives the same matches as java.util.regex, else the
 * step-budgeted {@link BacktrackProgram}.
 */
public sealed interface PcreProgram permits Re2Program, BacktrackProgram {
  /** {@link #search} result: no match. */
  long NO_MATCH = -1;

  /**
   * {@link #search} result: the search was stopped by its budget (a failed pcre, negated or not).
   */
  long LIMIT = -2;

  /**
   * Searches the buffer {@code data[base, base + len)} read as ISO-8859-1 characters, from position
   * {@code from}; with {@code anchored} the match must start at {@code from}. The subject starts at
   * {@code subject} ({@code ^} and {@code \A} match there, as PCRE with a start offset); a retry
   * has {@code from > subject}. Returns {@code (start << 32) | end} of the first match (buffer
   * positions), {@link #NO_MATCH} or {@link #LIMIT}.
   */
  long search(byte[] data, int base, int len, int subject, int from, boolean anchored);

  /**
   * The program of the translated pattern {@code regex} with java.util.regex {@code flags}, for a
   * generated class's static initializer: its budget and counters are those of the ruleset that
   * defined {@code generated} ({@link RuleGuard#of}).
   */
  static PcreProgram link(Class<?> generated, String regex, int flags) {
    return of(regex, flags, RuleGuard.of(generated));
  }

  /** The program of {@code regex} with java.util.regex {@code flags} under {@code guard}. */
  static PcreProgram of(String regex, int flags, RuleGuard guard) {
    java.util.regex.Pattern jre = java.util.regex.Pattern.compile(regex, flags);
    Re2Syntax.Result r = Re2Syntax.translate(regex, flags);
    if (r == null || !re2Compiles(r.regex())) {
      return new BacktrackProgram(jre, guard);
    }
    return new Re2Program(
        r.regex(), jre, r.endGroup(), r.multilineCaret() ? new BacktrackProgram(jre, guard) : null);
  }

  /**
   * True when RE2/J accepts {@code re2Regex}; the compiled pattern is dropped ({@link Re2Program}
   * compiles it again on first use, which most patterns never reach).
   */
  private static boolean re2Compiles(String re2Regex) {
    try {
      com.google.re2j.Pattern.compile(re2Regex);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
