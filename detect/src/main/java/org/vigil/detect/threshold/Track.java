package org.vigil.detect.threshold;

import java.util.Locale;

/** What a filter counts or matches by: an address of the packet, the pair, or the whole rule. */
public enum Track {
  /** The source address. */
  BY_SRC,
  /** The destination address. */
  BY_DST,
  /** One counter for the rule. */
  BY_RULE,
  /** The unordered pair of source and destination (both directions count together). */
  BY_BOTH,
  /** Suppress only: the source or the destination address. */
  BY_EITHER;

  /** The keyword as written in a threshold file. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The track of {@code keyword}, or null when it names none. */
  public static Track of(String keyword) {
    for (Track t : values()) {
      if (t.keyword().equals(keyword)) {
        return t;
      }
    }
    return null;
  }
}
