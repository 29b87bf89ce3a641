package org.vigil.detect.artifact;

/**
 * Which patterns of a {@link Prefilter} a scan restricted by a {@link ScanKey} looks for: those
 * having a rule the key keeps; and when a restriction by flow facts leaves so many of them that the
 * scan restricted by inspection bits alone serves instead.
 */
final class PatternSelection {
  private PatternSelection() {}

  /**
   * Copies the scan facts of {@code f}'s patterns to {@code at..} of the arrays, a pattern without
   * a rule key {@code key} keeps (0: any rule) left empty; returns the number kept.
   */
  static int copy(
      Prefilter f,
      byte[] ruleScopes,
      int key,
      byte[][] pats,
      int[] doneAt,
      int[] lastStart,
      int at) {
    LiteralScan literals = f.literals();
    int kept = 0;
    for (int p = 0; p < f.patLen.length; p++) {
      boolean keep = kept(f, ruleScopes, key, p);
      pats[at + p] = keep ? literals.pattern(p) : new byte[0];
      doneAt[at + p] = literals.doneAt(p);
      lastStart[at + p] = literals.lastStart(p);
      kept += keep ? 1 : 0;
    }
    return kept;
  }

  /** The number of {@code f}'s patterns having a rule key {@code key} keeps. */
  static int count(Prefilter f, byte[] ruleScopes, int key) {
    int kept = 0;
    for (int p = 0; p < f.patLen.length; p++) {
      kept += kept(f, ruleScopes, key, p) ? 1 : 0;
    }
    return kept;
  }

  private static boolean kept(Prefilter f, byte[] ruleScopes, int key, int p) {
    boolean keep = key == 0;
    for (int e = f.entStart[p]; e < f.entStart[p + 1] && !keep; e++) {
      keep = ScanKey.keeps(ruleScopes[f.entRule[e]], key);
    }
    return keep;
  }

  /**
   * True when a restriction by flow facts keeps {@code kept} of the {@code keptWithout} patterns
   * the restriction by inspection bits alone keeps, so few fewer that the wider scan serves instead
   * of a copy of its tables: its candidates take in the narrower scan's, and the detector skips the
   * rules a key leaves out.
   */
  static boolean nearly(int kept, int keptWithout) {
    return kept * 10L >= keptWithout * 9L;
  }
}
