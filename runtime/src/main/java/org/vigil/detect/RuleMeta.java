package org.vigil.detect;

import java.util.List;

/**
 * What an alert reports about a rule: ids, action, message, classification, priority and
 * references, plus its threshold / detection_filter (null when none).
 *
 * @param index global rule index (evaluation order)
 * @param action one of pass, drop, reject, sdrop, alert, log (lower case, as written)
 * @param priority explicit priority, else the classtype's; 0 when unknown (the runtime maps classtype)
 */
public record RuleMeta(int index, long gid, long sid, long rev, String action, String msg, String classtype,
    int priority, List<String> references, RateLimit rateLimit) {

  /** A threshold or detection_filter: {@code kind} is limit, threshold, both or detection_filter. */
  public record RateLimit(String kind, boolean bySrc, long count, long seconds) {}

  /** True for pass rules: a match stops the inspection without an alert. */
  public boolean isPass() {
    return "pass".equals(action);
  }
}
