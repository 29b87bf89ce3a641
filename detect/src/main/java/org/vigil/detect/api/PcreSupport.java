package org.vigil.detect.api;

import java.util.regex.Pattern;

/**
 * pcre helpers for generated code: decoding of {@link PcreProgram#search} results, and the search
 * of a translated {@link Pattern} that rule classes compiled before {@link PcreProgram} call, over
 * a byte buffer viewed as ISO-8859-1 characters (one char per byte, no copy).
 */
public final class PcreSupport {
  private PcreSupport() {}

  /**
   * Searches {@code p} in the buffer from position {@code from}; with {@code anchored} the match
   * must start at {@code from}. Returns {@code (start << 32) | end} of the first match (buffer
   * positions), or -1 when there is none.
   */
  public static long search(Pattern p, byte[] data, int base, int len, int from, boolean anchored) {
    return search(p, data, base, len, from, from, anchored);
  }

  /**
   * As {@link #search(Pattern, byte[], int, int, int, boolean)} for a retry: the subject still
   * starts at {@code subject} (where {@code ^} matches, as PCRE with a start offset), the search at
   * {@code from >= subject}, so an anchored pattern cannot match again further on. Rule classes
   * compiled before {@link PcreProgram} call this: the search runs under the default pcre limits
   * ({@link BacktrackProgram}), and a search over budget is no match.
   */
  public static long search(
      Pattern p, byte[] data, int base, int len, int subject, int from, boolean anchored) {
    long r =
        new BacktrackProgram(p, RuleGuard.defaults())
            .search(data, base, len, subject, from, anchored);
    return r < 0 ? -1 : r;
  }

  /** Start of a match encoded by {@link #search}. */
  public static int start(long r) {
    return (int) (r >>> 32);
  }

  /** End of a match encoded by {@link #search}. */
  public static int end(long r) {
    return (int) r;
  }

  /** A byte range seen as a Latin-1 char sequence. */
  static final class Latin1 implements CharSequence {
    private final byte[] data;
    private final int base;
    private final int len;

    Latin1(byte[] data, int base, int len) {
      this.data = data;
      this.base = base;
      this.len = len;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      return (char) (data[base + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Latin1(data, base + start, end - start);
    }

    @Override
    public String toString() {
      return new String(data, base, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
