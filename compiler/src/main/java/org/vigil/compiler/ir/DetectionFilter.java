package org.vigil.compiler.ir;

/**
 * {@code detection_filter:track by_src|by_dst, count N, seconds T}: alert only after N matches in T
 * seconds.
 */
public record DetectionFilter(SourcePos pos, Track track, long count, long seconds)
    implements PostDetectionOption {
  @Override
  public String keyword() {
    return "detection_filter";
  }
}
