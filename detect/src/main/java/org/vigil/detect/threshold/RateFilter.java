package org.vigil.detect.threshold;

import org.vigil.detect.artifact.RuleAction;

/**
 * {@code rate_filter}: once more than {@code count} matches fall in {@code seconds}, the rule's
 * matches take {@code newAction} for {@code timeout} seconds.
 */
public record RateFilter(
    long gid,
    long sid,
    Track track,
    long count,
    long seconds,
    RuleAction newAction,
    long timeout,
    String origin)
    implements CountingFilter {
  @Override
  public String describe() {
    return "rate_filter gen_id "
        + gid
        + ", sig_id "
        + sid
        + ", track "
        + track.keyword()
        + ", count "
        + count
        + ", seconds "
        + seconds
        + ", new_action "
        + newAction.keyword()
        + ", timeout "
        + timeout;
  }
}
