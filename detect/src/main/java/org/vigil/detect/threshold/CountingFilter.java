package org.vigil.detect.threshold;

/** A filter keeping counters of matches in time windows: a threshold or a rate filter. */
public sealed interface CountingFilter extends GlobalFilter permits ThresholdFilter, RateFilter {
  /** What the counters are kept by. */
  Track track();

  /** The count of the filter. */
  long count();

  /** The window in seconds. */
  long seconds();
}
