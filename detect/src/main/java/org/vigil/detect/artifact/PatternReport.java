package org.vigil.detect.artifact;

/** Where a {@link LiteralScan} reports a pattern found: the rules of the pattern's entries. */
interface PatternReport {
  /** Adds the candidates of pattern {@code p} found at start position {@code start}. */
  void reportStart(int p, int start, CandidateSet out);
}
