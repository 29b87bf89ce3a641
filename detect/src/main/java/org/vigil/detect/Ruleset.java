package org.vigil.detect;

import java.util.List;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleGuard;
import org.vigil.detect.api.RuleMatcher;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.Prefilter;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.artifact.ScanKey;

/**
 * A loaded, ready-to-run ruleset: rule metadata and matchers by global index, and the signature
 * groups per protocol class: one "any port" group and port-keyed groups selected by the packet's
 * destination port. Immutable (but for the thread-safe counters of its {@link RuleGuard}) and
 * shared by all detect threads.
 */
public final class Ruleset {
  /** Protocol classes. */
  public static final int TCP = 0;

  public static final int UDP = 1;
  public static final int OTHER = 2;

  private final String compilerVersion;
  private final String sourceHash;
  private final RuleMeta[] meta;
  private final RuleMatcher[] matchers;
  private final List<String> flowbitNames;
  private final java.util.Map<String, Integer> flowbitIds = new java.util.HashMap<>();
  private final PortGroup[] anyGroups;
  private final PortGroup[][] portGroups;
  private final int[][] portMaps;
  private final RuleGuard guard;

  /**
   * {@link ScanKey#ruleBits} of each rule's {@link RuleMeta#scope()} (one array shared by all
   * detectors of the ruleset).
   */
  private final byte[] scopes;

  /**
   * Assembles a ruleset. {@code portMaps[TCP|UDP]} maps a destination port to an index in {@code
   * portGroups[class]} or -1.
   */
  public Ruleset(
      String compilerVersion,
      String sourceHash,
      RuleMeta[] meta,
      RuleMatcher[] matchers,
      List<String> flowbitNames,
      PortGroup[] anyGroups,
      PortGroup[][] portGroups,
      int[][] portMaps) {
    this(
        compilerVersion,
        sourceHash,
        meta,
        matchers,
        flowbitNames,
        anyGroups,
        portGroups,
        portMaps,
        RuleGuard.defaults());
  }

  /**
   * As the other constructor, with the rules' run-time limits and failure counters {@code guard}.
   */
  public Ruleset(
      String compilerVersion,
      String sourceHash,
      RuleMeta[] meta,
      RuleMatcher[] matchers,
      List<String> flowbitNames,
      PortGroup[] anyGroups,
      PortGroup[][] portGroups,
      int[][] portMaps,
      RuleGuard guard) {
    this.guard = guard;
    this.compilerVersion = compilerVersion;
    this.sourceHash = sourceHash;
    this.meta = meta;
    this.matchers = matchers;
    this.flowbitNames = List.copyOf(flowbitNames);
    for (int i = 0; i < this.flowbitNames.size(); i++) {
      flowbitIds.put(this.flowbitNames.get(i), i);
    }
    this.anyGroups = anyGroups;
    this.portGroups = portGroups;
    this.portMaps = portMaps;
    this.scopes = new byte[meta.length];
    for (int r = 0; r < meta.length; r++) {
      scopes[r] = ScanKey.ruleBits(meta[r].scope());
    }
  }

  /** {@link ScanKey#ruleBits} per rule; not to be modified. */
  byte[] scopes() {
    return scopes;
  }

  /**
   * The same rules, groups and prefilters with each rule's matcher replaced by {@code wrap(rule
   * index, matcher)}: for measurements (counting calls) and tests (a failing matcher).
   */
  public Ruleset withMatchers(
      java.util.function.BiFunction<Integer, RuleMatcher, RuleMatcher> wrap) {
    RuleMatcher[] m = new RuleMatcher[matchers.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = wrap.apply(i, matchers[i]);
    }
    return new Ruleset(
        compilerVersion, sourceHash, meta, m, flowbitNames, anyGroups, portGroups, portMaps, guard);
  }

  /**
   * The rules' pcre limits and their run-time failure and budget-hit counters (shared by all
   * threads).
   */
  public RuleGuard guard() {
    return guard;
  }

  /** The protocol class of IP protocol number {@code ipProto}. */
  public static int protoClass(int ipProto) {
    return ipProto == 6 ? TCP : ipProto == 17 ? UDP : OTHER;
  }

  /** Number of rules. */
  public int size() {
    return meta.length;
  }

  /** Metadata of rule {@code index}. */
  public RuleMeta meta(int index) {
    return meta[index];
  }

  /** The matcher answering rule {@code index}. */
  public RuleMatcher matcher(int index) {
    return matchers[index];
  }

  /**
   * Whether a rule uses a dataset ({@code dataset}, {@code datarep}): such rules read or change
   * sets shared by the whole run. Read from the generated classes' bytes, so no rule class is
   * initialized (a class binds its sets when it is first used).
   */
  public boolean usesDatasets() {
    java.util.Set<ClassLoader> seen = new java.util.HashSet<>();
    for (RuleMatcher m : matchers) {
      ClassLoader l = m instanceof LazyMatcher lazy ? lazy.loader() : m.getClass().getClassLoader();
      if (l instanceof GeneratedClassLoader g
          && seen.add(g)
          && g.names(org.vigil.detect.api.Dataset.class)) {
        return true;
      }
    }
    return false;
  }

  /** Flowbit names by id (a runtime sizing its per-flow storage may use the count). */
  public List<String> flowbitNames() {
    return flowbitNames;
  }

  /** The id of the flowbit named {@code name}, or -1 when no rule of this ruleset names it. */
  public int flowbitId(String name) {
    return flowbitIds.getOrDefault(name, -1);
  }

  /** The version of the compiler that produced the ruleset. */
  public String compilerVersion() {
    return compilerVersion;
  }

  /** SHA-256 of the rule sources the ruleset was compiled from. */
  public String sourceHash() {
    return sourceHash;
  }

  /** The any-port group of a protocol class. */
  public PortGroup anyGroup(int protoClass) {
    return anyGroups[protoClass];
  }

  /** The port-keyed groups of a protocol class (empty for OTHER). */
  public PortGroup[] portGroups(int protoClass) {
    return portGroups[protoClass];
  }

  /** The port group for destination port {@code port} in a protocol class, or null. */
  public PortGroup portGroup(int protoClass, int port) {
    int[] map = portMaps[protoClass];
    if (map == null || port < 0 || port > 65535) {
      return null;
    }
    int g = map[port];
    return g < 0 ? null : portGroups[protoClass][g];
  }

  int[] portMap(int protoClass) {
    return portMaps[protoClass];
  }

  /**
   * Collects the rules the prefilter of buffer {@code buffer} alone finds in the context's bytes of
   * that buffer (in the groups {@link #candidates} selects): the rules whose fast pattern lies in
   * that buffer and occurs in it.
   */
  public void prefilterCandidates(InspectionContext ctx, int buffer, CandidateSet out) {
    if (ctx.len[buffer] <= 0) {
      return;
    }
    int pc = protoClass(ctx.ipProto);
    scan(anyGroups[pc], ctx, buffer, out);
    if (pc != OTHER) {
      scan(portGroup(pc, ctx.dstPort), ctx, buffer, out);
    }
  }

  private static void scan(PortGroup g, InspectionContext ctx, int buffer, CandidateSet out) {
    Prefilter p = g == null ? null : g.prefilter(buffer);
    if (p != null) {
      p.scan(ctx.data[buffer], ctx.off[buffer], ctx.len[buffer], out);
    }
  }

  /**
   * Collects the candidate rules of an inspection (groups selected by the context's protocol and
   * destination port).
   */
  public void candidates(InspectionContext ctx, CandidateSet out) {
    candidates(ctx, out, 0);
  }

  /**
   * As {@link #candidates(InspectionContext, CandidateSet)} for an inspection that evaluates only
   * the rules whose {@link RuleMeta#scope()} has a bit of {@code scope} (0: all): the prefilters
   * look only for those rules' patterns.
   */
  void candidates(InspectionContext ctx, CandidateSet out, int scope) {
    int pc = protoClass(ctx.ipProto);
    PortGroup g = pc == OTHER ? null : portGroup(pc, ctx.dstPort);
    if (g == null) {
      anyGroups[pc].candidates(ctx, out, scopes, scope);
    } else {
      // one scan per buffer for the patterns of both groups
      g.candidatesWith(anyGroups[pc], ctx, out, scopes, scope);
    }
  }
}
