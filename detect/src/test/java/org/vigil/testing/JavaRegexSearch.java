package org.vigil.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unbounded java.util.regex search the pcre engines are measured against: the subject seen from
 * {@code subject} (opaque, anchoring bounds), a retry from {@code from > subject} with transparent
 * bounds and {@code ^} only at the buffer start. Same result encoding as {@link
 * org.vigil.detect.api.PcreProgram#search}.
 */
public final class JavaRegexSearch {
  private JavaRegexSearch() {}

  /**
   * The first match of {@code p} in {@code data[0, data.length)} as {@code (start << 32) | end}, or
   * -1.
   */
  public static long search(Pattern p, byte[] data, int subject, int from, boolean anchored) {
    if (from < 0) {
      from = 0;
    }
    if (from > data.length) {
      return -1;
    }
    CharSequence text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    Matcher m = p.matcher(text);
    m.region(from, data.length);
    if (from > subject) {
      m.useAnchoringBounds(false);
      m.useTransparentBounds(true);
    }
    boolean ok = anchored ? m.lookingAt() : m.find();
    return ok ? ((long) m.start() << 32) | (m.end() & 0xffffffffL) : -1;
  }
}
