package org.vigil.detect.artifact;

import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;

/**
 * A signature group: the rules that can apply to packets of one protocol class and port set, with a
 * prefilter per buffer ({@code null} where no rule of the group has a fast pattern in it), the
 * rules without a fast pattern keyed by their source or destination address set (candidates only
 * when the inspection's address is in the set), and the rules that are always candidates.
 */
public final class PortGroup {
  private final String name;
  private final int[] always;
  private final Prefilter[] prefilters;
  private final int ruleCount;
  private final AddressIndex bySrc;
  private final AddressIndex byDst;
  private final AddressIndex byDstPort;
  private final AddressIndex byIcmpType;

  /**
   * A group named {@code name} (for inspection output) with {@code ruleCount} rules in total and no
   * address index.
   */
  public PortGroup(String name, int ruleCount, int[] always, Prefilter[] prefilters) {
    this(
        name,
        ruleCount,
        always,
        prefilters,
        AddressIndex.empty(),
        AddressIndex.empty(),
        AddressIndex.empty(),
        AddressIndex.empty());
  }

  /**
   * A group whose rules without a fast pattern are split into {@code always} candidates and the
   * rules of {@code bySrc} / {@code byDst}, candidates when the source / destination address is in
   * their set, of {@code byDstPort}, candidates when the destination port is in their port set, and
   * of {@code byIcmpType}, candidates when the packet is ICMP with a type their itype accepts.
   */
  public PortGroup(
      String name,
      int ruleCount,
      int[] always,
      Prefilter[] prefilters,
      AddressIndex bySrc,
      AddressIndex byDst,
      AddressIndex byDstPort,
      AddressIndex byIcmpType) {
    if (prefilters.length != Buffers.COUNT) {
      throw new IllegalArgumentException("one prefilter slot per buffer expected");
    }
    this.name = name;
    this.ruleCount = ruleCount;
    this.always = always;
    this.prefilters = prefilters;
    this.bySrc = bySrc;
    this.byDst = byDst;
    this.byDstPort = byDstPort;
    this.byIcmpType = byIcmpType;
  }

  /** Rules without a fast pattern keyed by the ICMP types their itype accepts. */
  public AddressIndex byIcmpType() {
    return byIcmpType;
  }

  /** Rules without a fast pattern keyed by their destination port ranges. */
  public AddressIndex byDestinationPort() {
    return byDstPort;
  }

  /** Rules without a fast pattern keyed by their source address set. */
  public AddressIndex bySource() {
    return bySrc;
  }

  /** Rules without a fast pattern keyed by their destination address set. */
  public AddressIndex byDestination() {
    return byDst;
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
    candidates(ctx, out, null, 0);
  }

  /**
   * As {@link #candidates(InspectionContext, CandidateSet)} for an inspection evaluating only the
   * rules of {@code scope} (see {@link Prefilter#scan(byte[], int, int, CandidateSet, byte[],
   * int)}; 0: all rules).
   */
  public void candidates(InspectionContext ctx, CandidateSet out, byte[] ruleScopes, int scope) {
    unscanned(ctx, out);
    for (int b = 0; b < Buffers.COUNT; b++) {
      Prefilter p = prefilters[b];
      if (p != null && ctx.len[b] > 0) {
        p.scan(ctx.data[b], ctx.off[b], ctx.len[b], out, ruleScopes, scope);
      }
    }
  }

  /**
   * The candidates of this port group and of {@code any}, the any-port group of its protocol class,
   * as both groups' {@link #candidates(InspectionContext, CandidateSet, byte[], int)} give them; a
   * buffer both have a prefilter for is scanned once for the patterns of both.
   */
  public void candidatesWith(
      PortGroup any, InspectionContext ctx, CandidateSet out, byte[] ruleScopes, int scope) {
    any.unscanned(ctx, out);
    unscanned(ctx, out);
    for (int b = 0; b < Buffers.COUNT; b++) {
      if (ctx.len[b] <= 0) {
        continue;
      }
      Prefilter mine = prefilters[b];
      Prefilter theirs = any.prefilters[b];
      if (mine != null && theirs != null) {
        mine.scanWith(theirs, ctx.data[b], ctx.off[b], ctx.len[b], out, ruleScopes, scope);
      } else if (mine != null || theirs != null) {
        (mine != null ? mine : theirs)
            .scan(ctx.data[b], ctx.off[b], ctx.len[b], out, ruleScopes, scope);
      }
    }
  }

  /**
   * Adds the candidates that need no prefilter scan: always candidates and address/port indexes.
   */
  public void unscanned(InspectionContext ctx, CandidateSet out) {
    out.addAll(always);
    bySrc.candidates(ctx.srcIp, ctx.ipVersion, out);
    byDst.candidates(ctx.dstIp, ctx.ipVersion, out);
    if (ctx.ipVersion != 0) {
      byDstPort.candidates(ctx.dstPort, out);
    }
    if (ctx.icmpType >= 0) {
      byIcmpType.candidates(ctx.icmpType, out);
    }
  }
}
