package org.vigil.inspect;

/** At most one alert per rule per packet across the packet's own payload and its stream chunks. */
final class AlertDedup {
  private final long[] seen;
  private final int[] touched;
  private int count;

  AlertDedup(int rules) {
    seen = new long[(rules + 63) >>> 6];
    touched = new int[seen.length];
  }

  /** True the first time {@code rule} is offered since the last {@link #clear}. */
  boolean first(int rule) {
    int w = rule >>> 6;
    long bit = 1L << rule;
    if ((seen[w] & bit) != 0) {
      return false;
    }
    if (seen[w] == 0L) {
      touched[count++] = w;
    }
    seen[w] |= bit;
    return true;
  }

  void clear() {
    for (int i = 0; i < count; i++) {
      seen[touched[i]] = 0L;
    }
    count = 0;
  }
}
