package org.vigil.detect.api;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A pcre run by RE2/J in time linear in the subject, with the match positions java.util.regex gives
 * for the same pattern (see {@link Re2Syntax} for the translation). A search whose match reaches
 * the end of the subject while the pattern has a multiline {@code ^} is handed to the backtracking
 * program, since only PCRE refuses {@code ^} after a final newline.
 */
public final class Re2Program implements PcreProgram {
  private final Pattern pattern;
  private final int endGroup;
  private final BacktrackProgram atEnd;

  /**
   * {@code pattern}; the match ends where group {@code endGroup} ends (0: the whole match); {@code
   * atEnd}, when not null, decides matches that end at the end of the subject.
   */
  Re2Program(Pattern pattern, int endGroup, BacktrackProgram atEnd) {
    this.pattern = pattern;
    this.endGroup = endGroup;
    this.atEnd = atEnd;
  }

  /** The RE2 pattern text. */
  public String pattern() {
    return pattern.pattern();
  }

  @Override
  public long search(byte[] data, int base, int len, int subject, int from, boolean anchored) {
    if (from < 0) {
      from = 0;
    }
    if (from > len) {
      return NO_MATCH;
    }
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
