package org.vigil.detect;

import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;

/**
 * A signature group: the rules that can apply to packets of one protocol class and port set, with
 * a prefilter per buffer ({@code null} where no rule of the group has a fast pattern in it) and
 * the rules that are always candidates (no usable fast pattern).
 */
public final class PortGroup {
  private final String name;
  private final int[] always;
  private final Prefilter[] prefilters;
  private final int ruleCount;

  /** A group named {@code name} (for inspection output) with {@code ruleCount} rules in total. */
  public PortGroup(String name, int ruleCount, int[] always, Prefilter[] prefilters) {
    if (prefilters.length != Buffers.COUNT) {
      throw new IllegalArgumentException("one prefilter slot per buffer expected");
    }
    this.name = name;
    this.ruleCount = ruleCount;
    this.always = always;
    this.prefilters = prefilters;
  }

  /** Human-readable name, e.g. {@code tcp dst 80}. */
  public String name() {
    return name;
  }

  /** Rules in the group. */
  public int ruleCount() {
    return ruleCount;
  }

  /** Rules that are always candidates. */
  public int[] always() {
    return always;
  }

  /** The prefilter of buffer {@code id}, or null. */
  public Prefilter prefilter(int id) {
    return prefilters[id];
  }

  /** Adds this group's candidates for the buffers present in {@code ctx} to {@code out}. */
  public void candidates(InspectionContext ctx, CandidateSet out) {
    out.addAll(always);
    for (int b = 0; b < Buffers.COUNT; b++) {
      Prefilter p = prefilters[b];
      if (p != null && ctx.len[b] > 0) {
        p.scan(ctx.data[b], ctx.off[b], ctx.len[b], out);
      }
    }
  }
}
