package org.vigil.detect.api;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A pcre that RE2/J can run in time linear in the subject, with the match positions java.util.regex
 * gives for the same pattern (see {@link Re2Syntax} for the translation). A search first runs on
 * java.util.regex within a linear read budget ({@link #javaBudget}): on most patterns and subjects
 * that is the faster engine, and within its budget it gives the answer RE2/J would. A search that
 * runs past the budget is redone on RE2/J, whose pattern is compiled on first use; a pattern whose
 * searches keep running past it goes straight to RE2/J from then on. A RE2/J match that reaches the
 * end of the subject while the pattern has a multiline {@code ^} is handed to the backtracking
 * program, since only PCRE refuses {@code ^} after a final newline. A search first looks for a run
 * of bytes every match contains ({@link RequiredLiteral}) and ends without a match when the subject
 * lacks it. A pattern that starts with a multiline {@code ^} is tried at line starts only ({@link
 * LineAnchor}).
 */
public final class Re2Program implements PcreProgram {
  /** java.util.regex reads a search may spend per subject byte before RE2/J takes over. */
  static final int JAVA_STEPS_PER_BYTE = 16;

  /** java.util.regex reads any search may spend before RE2/J takes over. */
  static final int JAVA_STEPS_MIN = 4096;

  /** Budget overruns after which a pattern that overran on most searches runs on RE2/J only. */
  static final int OVERRUNS_TO_SWITCH = 64;

  private final String re2Regex;
  private final BudgetedSearch jre;
  private final int endGroup;
  private final BacktrackProgram atEnd;
  private volatile Pattern re2;

  /** A run every match contains, searched before the regex runs; null when none is known. */
  private final RequiredLiteral literal;

  /**
   * Where matches can start when the pattern begins with a multiline {@code ^}; null when they may
   * start anywhere.
   */
  private final LineAnchor lineAnchor;

  /** Searches that java.util.regex ended within its budget, and those it did not (racy counts). */
  private int javaDone;

  private int javaOverruns;

  /**
   * The pattern {@code re2Regex} (RE2 syntax) that matches as {@code jre} does; the match ends
   * where group {@code endGroup} ends (0: the whole match); {@code atEnd}, when not null, decides
   * RE2/J matches that end at the end of the subject.
   */
  Re2Program(String re2Regex, java.util.regex.Pattern jre, int endGroup, BacktrackProgram atEnd) {
    this.re2Regex = re2Regex;
    this.jre = new BudgetedSearch(jre);
    this.endGroup = endGroup;
    this.atEnd = atEnd;
    this.literal = RequiredLiteral.of(jre);
    this.lineAnchor = LineAnchor.of(jre);
  }

  /** The RE2 pattern text. */
  public String pattern() {
    return re2Regex;
  }

  /** The java.util.regex read budget of a search over {@code n} subject bytes. */
  static long javaBudget(int n) {
    return JAVA_STEPS_MIN + (long) JAVA_STEPS_PER_BYTE * n;
  }

  @Override
  public long search(byte[] data, int base, int len, int subject, int from, boolean anchored) {
    if (from < 0) {
      from = 0;
    }
    if (from > len) {
      return NO_MATCH;
    }
    // both engines give a definitive answer: a subject without the run has no match in either
    if (!RequiredLiteral.mayMatch(literal, data, base, len, from)) {
      return NO_MATCH;
    }
    if (javaOverruns < OVERRUNS_TO_SWITCH || javaOverruns < javaDone) {
      int n = len - (from > subject ? 0 : from);
      long r =
          lineAnchor != null && !anchored
              ? jre.findAtLineStarts(data, base, len, subject, from, lineAnchor, javaBudget(n))
              : jre.find(data, base, len, subject, from, anchored, javaBudget(n));
      if (r != BudgetedSearch.EXHAUSTED) {
        if (javaDone < Integer.MAX_VALUE) {
          javaDone++;
        }
        return r;
      }
      if (javaOverruns < Integer.MAX_VALUE) {
        javaOverruns++;
      }
    }
    return searchRe2(data, base, len, subject, from, anchored);
  }

  /** The compiled RE2/J pattern (compiled once on first use; a racing second compile is equal). */
  Pattern re2() {
    Pattern p = re2;
    if (p == null) {
      p = Pattern.compile(re2Regex);
      re2 = p;
    }
    return p;
  }

  /** The search on RE2/J alone. */
  long searchRe2(byte[] data, int base, int len, int subject, int from, boolean anchored) {
    if (from < 0) {
      from = 0;
    }
    if (from > len) {
      return NO_MATCH;
    }
    Pattern pattern = re2();
    int shift;
    Matcher m;
    boolean ok;
    if (from <= subject) {
      // the subject starts here: match over the rest of the buffer as the whole input
      shift = from;
      m = pattern.matcher(new PcreSupport.Latin1(data, base + from, len - from));
      ok = anchored ? m.lookingAt() : m.find();
    } else {
      // a retry: the characters before from stay visible to \b and multiline ^, ^ and \A cannot
      // match
      shift = 0;
      m = pattern.matcher(new PcreSupport.Latin1(data, base, len));
      ok = m.find(from) && (!anchored || m.start() == from);
    }
    if (!ok) {
      return NO_MATCH;
    }
    if (atEnd != null && m.end() + shift == len) {
      return atEnd.search(data, base, len, subject, from, anchored);
    }
    return ((long) (m.start() + shift) << 32) | ((m.end(endGroup) + shift) & 0xffffffffL);
  }
}
