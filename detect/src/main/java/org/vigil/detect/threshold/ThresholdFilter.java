package org.vigil.detect.threshold;

/**
 * {@code threshold}/{@code event_filter} (or a rule's {@code threshold:}/{@code detection_filter}):
 * {@code type} is limit, threshold, both or detection_filter.
 */
public record ThresholdFilter(
    long gid, long sid, String type, Track track, long count, long seconds, String origin)
    implements CountingFilter {
  @Override
  public String describe() {
    return "threshold gen_id "
        + gid
        + ", sig_id "
        + sid
        + ", type "
        + type
        + ", track "
        + track.keyword()
        + ", count "
        + count
        + ", seconds "
        + seconds;
  }
}
