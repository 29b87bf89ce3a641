package org.vigil.detect.artifact;

/**
 * A tap on a prefilter scan: told of every pattern occurrence the scan reports (its pattern number
 * in the scan's numbering and its start position), before the occurrence's candidates are added. A
 * recorded occurrence can be reported again later through {@link Prefilter#reportHit}.
 */
public abstract class PatternHits implements PatternReport {
  /** Where the scan being tapped reports its occurrences (set by the prefilter for each scan). */
  private PatternReport target;

  /** Taps the next scans reporting to {@code report}; returns this. */
  final PatternReport tapping(PatternReport report) {
    target = report;
    return this;
  }

  @Override
  public final void reportStart(int p, int start, CandidateSet out) {
    hit(p, start);
    target.reportStart(p, start, out);
  }

  /** Pattern {@code p} occurs from position {@code start} of the scanned buffer. */
  protected abstract void hit(int p, int start);
}
