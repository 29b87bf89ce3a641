package org.vigil.detect.api;

import java.util.Arrays;

/**
 * The flowbits of one flow: a growable bit set indexed by the ruleset's flowbit ids; also the rules
 * disabled for the flow because they failed at run time.
 */
public final class FlowBits {
  // a flow that never sets a bit allocates no words of its own
  private static final long[] NO_WORDS = new long[0];
  private long[] words = NO_WORDS;
  private java.util.BitSet failedRules;

  /**
   * True when rule {@code rule} (global index) failed earlier on this flow and is no longer
   * evaluated on it.
   */
  public boolean ruleFailed(int rule) {
    return failedRules != null && failedRules.get(rule);
  }

  /** Disables rule {@code rule} (global index) for the rest of this flow. */
  public void ruleFails(int rule) {
    if (failedRules == null) {
      failedRules = new java.util.BitSet();
    }
    failedRules.set(rule);
  }

  /** True when bit {@code id} is set. */
  public boolean isSet(int id) {
    int w = id >>> 6;
    return w < words.length && (words[w] & (1L << id)) != 0;
  }

  /** Sets bit {@code id}. */
  public void set(int id) {
    int w = id >>> 6;
    if (w >= words.length) {
      words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
    }
    words[w] |= 1L << id;
  }

  /** Clears bit {@code id}. */
  public void unset(int id) {
    int w = id >>> 6;
    if (w < words.length) {
      words[w] &= ~(1L << id);
    }
  }

  /** Flips bit {@code id}. */
  public void toggle(int id) {
    if (isSet(id)) {
      unset(id);
    } else {
      set(id);
    }
  }

  /** Clears every bit and re-enables every rule (flow reuse). */
  public void clear() {
    Arrays.fill(words, 0L);
    failedRules = null;
  }

  /**
   * Makes the bits equal to those of {@code other} (to undo a trial evaluation's side effects);
   * failed rules stay.
   */
  public void copyFrom(FlowBits other) {
    if (words.length < other.words.length) {
      words = new long[other.words.length];
    }
    System.arraycopy(other.words, 0, words, 0, other.words.length);
    Arrays.fill(words, other.words.length, words.length, 0L);
  }
}
