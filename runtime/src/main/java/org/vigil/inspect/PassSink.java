package org.vigil.inspect;

import org.vigil.decode.Packet;
import org.vigil.detect.AlertSink;
import org.vigil.detect.Detector;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;
import org.vigil.detect.artifact.RuleMeta;

/**
 * The one alert sink of a {@link FlowInspector}: it applies the current {@link DetectionPass} (set
 * before each pass) to the detector's candidates and matches, and hands alerts to the listener with
 * the packet they are attributed to. Dedup: at most one alert per rule per packet across the
 * packet's own payload and its stream chunks (the chunks of the other direction counted apart).
 */
final class PassSink implements AlertSink {
  private final Detector detector;
  private final InspectionContext ctx;
  private final AlertListener alerts;
  private AlertDedup dedup;

  /**
   * Dedup of the stream chunks of the direction the current packet was not sent in (a session
   * closing flushes both directions on one packet; Suricata inspects the other direction on another
   * packet, so its alerts count separately).
   */
  private AlertDedup dedupOtherDirection;

  /** The flowbits as they were before a trial evaluation of a chunk's repeated head. */
  private final FlowBits trialBits = new FlowBits();

  /** The rules with a payload fast pattern, made when first needed. */
  private PayloadFastPatterns payloadFastPatterns;

  /**
   * Per otherDirection (1) and noFastPatternOnly (2): the last stream pass with repeated bytes
   * made.
   */
  private final DetectionPass[] lastStream = new DetectionPass[4];

  /** The pass running, and the packet its alerts are attributed to. */
  DetectionPass pass;

  Packet packet;

  PassSink(Detector detector, InspectionContext ctx, AlertListener alerts) {
    this.detector = detector;
    this.ctx = ctx;
    this.alerts = alerts;
    this.dedup = new AlertDedup(detector.ruleset().size());
    this.dedupOtherDirection = new AlertDedup(detector.ruleset().size());
  }

  /** The detector's ruleset was replaced (a rule reload, between packets): tables made anew. */
  void rulesChanged() {
    dedup = new AlertDedup(detector.ruleset().size());
    dedupOtherDirection = new AlertDedup(detector.ruleset().size());
    payloadFastPatterns = null;
  }

  /** A new dedup scope (a packet, a flush pseudo packet, a flow end). */
  void clearDedup() {
    dedup.clear();
    dedupOtherDirection.clear();
  }

  /**
   * Makes the table of rules with a payload fast pattern before a pass restricted to the others
   * runs.
   */
  void needFastPatterns() {
    if (payloadFastPatterns == null) {
      payloadFastPatterns = new PayloadFastPatterns(detector.ruleset());
    }
  }

  /**
   * The pass of a raw stream chunk; one with repeated bytes is made once per distinct count in a
   * row (chunks overlap their predecessor by the same reach), so the common path allocates none.
   */
  DetectionPass streamPass(boolean otherDirection, boolean noFastPatternOnly, int oldBytes) {
    if (oldBytes == 0) {
      return DetectionPass.stream(otherDirection, noFastPatternOnly, 0);
    }
    int i = (otherDirection ? 1 : 0) | (noFastPatternOnly ? 2 : 0);
    DetectionPass last = lastStream[i];
    if (last == null || last.oldBytes() != oldBytes) {
      last = DetectionPass.stream(otherDirection, noFastPatternOnly, oldBytes);
      lastStream[i] = last;
    }
    return last;
  }

  @Override
  public boolean admit(RuleMeta rule, InspectionContext c) {
    DetectionPass p = pass;
    if (p.unit() == InspectionUnit.APP_LAYER) {
      return p.admission() == null || p.admission().admit(rule.index());
    }
    if (p.unit() == InspectionUnit.STREAM
        && p.oldBytes() > 0
        && matchesOldPart(rule.index(), p.oldBytes())) {
      return false;
    }
    return (p.otherDirection() ? dedupOtherDirection : dedup).first(rule.index());
  }

  @Override
  public boolean evaluate(int rule) {
    DetectionPass p = pass;
    if (p.noFastPatternOnly()) {
      return !payloadFastPatterns.has(rule);
    }
    return p.unit() != InspectionUnit.APP_LAYER
        || p.admission() == null
        || p.admission().evaluate(rule);
  }

  @Override
  public void matched(RuleMeta rule) {
    DetectionPass p = pass;
    if (p.unit() == InspectionUnit.APP_LAYER && p.admission() != null && !rule.isPass()) {
      p.admission().matched(rule.index());
    }
  }

  @Override
  public void alert(RuleMeta rule, InspectionContext c) {
    alerts.alert(rule, c, packet, pass.unit());
  }

  /**
   * True when rule {@code r} also matches the first {@code oldBytes} of the chunk, which repeat
   * already inspected stream bytes: its match is not new, and was reported with the previous chunk.
   */
  private boolean matchesOldPart(int r, int oldBytes) {
    int off = ctx.off[Buffers.PAYLOAD];
    int len = ctx.len[Buffers.PAYLOAD];
    ctx.len[Buffers.PAYLOAD] = oldBytes;
    FlowBits bits = ctx.flowbits;
    if (bits != null) {
      trialBits.copyFrom(bits); // the trial must not apply the rule's flowbits side effects again
    }
    try {
      return detector.ruleset().matcher(r).match(r, ctx) != RuleMatcher.NO_MATCH;
    } finally {
      ctx.off[Buffers.PAYLOAD] = off;
      ctx.len[Buffers.PAYLOAD] = len;
      if (bits != null) {
        bits.copyFrom(trialBits);
      }
    }
  }
}
