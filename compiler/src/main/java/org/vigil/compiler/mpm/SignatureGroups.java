package org.vigil.compiler.mpm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vigil.compiler.analysis.PortSets;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.ir.IpProto;
import org.vigil.compiler.ir.Itype;
import org.vigil.compiler.ir.PacketOption;
import org.vigil.compiler.ir.Protocol;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.AddressSet;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.artifact.AddressIndex;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.Prefilter;

/**
 * Builds the signature groups of a ordered ruleset, like Suricata's group heads: per protocol class
 * (tcp, udp, other) one group of the rules whose destination side accepts any port, and groups of
 * port-specific rules keyed by destination port ranges (for {@code <>} rules, either side's ports),
 * identical rule sets shared; each group with its prefilters.
 */
public final class SignatureGroups {
  /** The built groups, in the shapes {@link Ruleset} takes. */
  public record Groups(PortGroup[] any, PortGroup[][] ports, int[][] portMaps) {}

  private SignatureGroups() {}

  /**
   * Port-keyed groups per protocol class with their own rule set; further port sets share one
   * group.
   */
  public static final int MAX_GROUPS = 24;

  private static final String[] CLASS_NAMES = {"tcp", "udp", "other"};

  /** Builds the groups for {@code plans}, where plan i is global rule i. */
  public static Groups build(List<RulePlan> plans) {
    List<List<Integer>> anyRules = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<List<int[]>> keyed = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < plans.size(); i++) {
      RulePlan p = plans.get(i);
      Protocol proto = p.rule().protocol();
      switch (proto) {
        case IP -> {
          // ip_proto reads the field that selects the protocol class: skip classes it excludes
          for (int pc = 0; pc < 3; pc++) {
            if (protocolClassPossible(p, pc)) {
              anyRules.get(pc).add(i);
            }
          }
        }
        case ICMP -> anyRules.get(Ruleset.OTHER).add(i);
        case TCP, UDP -> {
          int pc = proto == Protocol.TCP ? Ruleset.TCP : Ruleset.UDP;
          BitSet k = new BitSet(65536);
          add(k, p.dstPorts());
          if (p.bidirectional()) {
            add(k, p.srcPorts());
          }
          if (k.cardinality() == 65536) {
            anyRules.get(pc).add(i);
          } else {
            keyed.get(pc).add(concat(i, k));
          }
        }
      }
    }
    PortGroup[] any = new PortGroup[3];
    PortGroup[][] ports = new PortGroup[3][];
    int[][] maps = new int[3][];
    for (int pc = 0; pc < 3; pc++) {
      any[pc] = group(CLASS_NAMES[pc] + " any port", anyRules.get(pc), plans);
    }
    ports[Ruleset.OTHER] = new PortGroup[0];
    for (int pc = 0; pc < 2; pc++) {
      List<int[]> rules = keyed.get(pc);
      TreeSet<Integer> bounds = new TreeSet<>();
      for (int[] r : rules) {
        for (int j = 1; j < r.length; j += 2) {
          bounds.add(r[j]);
          bounds.add(r[j + 1] + 1);
        }
      }
      int[] map = new int[65536];
      Arrays.fill(map, -1);
      // elementary port intervals and their rule sets
      Integer[] b = bounds.toArray(new Integer[0]);
      // each rule's port ranges cover a run of elementary intervals: add it to each, in rule order
      int[] starts = new int[b.length];
      for (int j = 0; j < b.length; j++) {
        starts[j] = b[j];
      }
      List<List<Integer>> membersOf = new ArrayList<>(b.length);
      for (int j = 0; j < b.length; j++) {
        membersOf.add(new ArrayList<>());
      }
      for (int[] r : rules) {
        for (int x = 1; x < r.length; x += 2) {
          int first = Arrays.binarySearch(starts, r[x]);
          int last = Arrays.binarySearch(starts, r[x + 1] + 1);
          for (int j = first; j < last; j++) {
            membersOf.get(j).add(r[0]);
          }
        }
      }
      List<int[]> intervals = new ArrayList<>();
      List<List<Integer>> sets = new ArrayList<>();
      for (int j = 0; j + 1 < b.length; j++) {
        int lo = b[j];
        int hi = Math.min(b[j + 1] - 1, 65535);
        if (lo > 65535) {
          continue;
        }
        List<Integer> members = membersOf.get(j);
        if (!members.isEmpty()) {
          intervals.add(new int[] {lo, hi});
          sets.add(members);
        }
      }
      // the MAX_GROUPS distinct rule sets covering most rules get their own group; the other
      // intervals share one group holding the union of their rules (a superset: rule code checks
      // ports)
      Map<List<Integer>, Integer> distinct = new HashMap<>();
      for (List<Integer> m : sets) {
        distinct.merge(m, m.size(), Integer::max);
      }
      List<List<Integer>> ranked = new ArrayList<>(distinct.keySet());
      Map<List<Integer>, String> text = new HashMap<>();
      for (List<Integer> m : ranked) {
        text.put(m, m.toString());
      }
      ranked.sort(
          (x, y) ->
              y.size() != x.size()
                  ? Integer.compare(y.size(), x.size())
                  : text.get(x).compareTo(text.get(y)));
      Map<List<Integer>, Integer> own = new HashMap<>();
      List<PortGroup> groups = new ArrayList<>();
      for (List<Integer> m : ranked.subList(0, Math.min(MAX_GROUPS, ranked.size()))) {
        own.put(m, own.size());
      }
      List<List<Integer>> ownSets = new ArrayList<>(own.keySet());
      ownSets.sort((x, y) -> Integer.compare(own.get(x), own.get(y)));
      java.util.TreeSet<Integer> rest = new java.util.TreeSet<>();
      for (List<Integer> m : sets) {
        if (!own.containsKey(m)) {
          rest.addAll(m);
        }
      }
      String[] names = new String[own.size()];
      for (int j = 0; j < intervals.size(); j++) {
        Integer g = own.get(sets.get(j));
        if (g != null && names[g] == null) {
          int[] iv = intervals.get(j);
          names[g] = CLASS_NAMES[pc] + " dst port " + iv[0] + (iv[1] > iv[0] ? "-" + iv[1] : "");
        }
      }
      for (int g = 0; g < ownSets.size(); g++) {
        groups.add(group(names[g], ownSets.get(g), plans));
      }
      int restGroup = -1;
      if (!rest.isEmpty()) {
        restGroup = groups.size();
        groups.add(
            group(CLASS_NAMES[pc] + " dst port (other)", new ArrayList<>(rest), plans, true));
      }
      for (int j = 0; j < intervals.size(); j++) {
        Integer g = own.get(sets.get(j));
        int[] iv = intervals.get(j);
        Arrays.fill(map, iv[0], iv[1] + 1, g != null ? g : restGroup);
      }
      ports[pc] = groups.toArray(new PortGroup[0]);
      maps[pc] = map;
    }
    return new Groups(any, ports, maps);
  }

  /**
   * The ICMP types (as inclusive intervals) every itype check of {@code p} accepts, or null when
   * the rule has no itype, accepts every type or none (then it stays an always candidate).
   */
  static long[] icmpTypes(RulePlan p) {
    List<Itype> checks = new ArrayList<>();
    for (PacketOption o : p.packetChecks()) {
      if (o instanceof Itype t) {
        checks.add(t);
      }
    }
    if (checks.isEmpty()) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    int accepted = 0;
    for (int t = 0; t < 256; t++) {
      boolean ok = true;
      for (Itype c : checks) {
        ok &= c.check().test(t);
      }
      if (!ok) {
        continue;
      }
      accepted++;
      if (!out.isEmpty() && out.get(out.size() - 1) == t - 1) {
        out.set(out.size() - 1, (long) t);
      } else {
        out.add((long) t);
        out.add((long) t);
      }
    }
    if (accepted == 0 || accepted == 256) {
      return null;
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Whether some IP protocol number of class {@code pc} passes every ip_proto check of {@code p}.
   */
  static boolean protocolClassPossible(RulePlan p, int pc) {
    for (int proto = 0; proto < 256; proto++) {
      if (Ruleset.protoClass(proto) != pc) {
        continue;
      }
      boolean ok = true;
      for (PacketOption o : p.packetChecks()) {
        if (o instanceof IpProto ip && !ip.check().test(proto)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private static void add(BitSet k, int[] ranges) {
    for (int i = 0; i < ranges.length; i += 2) {
      k.set(ranges[i], ranges[i + 1] + 1);
    }
  }

  private static int[] concat(int rule, BitSet k) {
    List<Integer> out = new ArrayList<>();
    out.add(rule);
    int i = k.nextSetBit(0);
    while (i >= 0 && i < 65536) {
      int end = k.nextClearBit(i) - 1;
      out.add(i);
      out.add(end);
      i = k.nextSetBit(end + 1);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Widest key set (IPv4 addresses covered) for which a rule without a fast pattern is put in an
   * address index rather than the always-candidates: wider sets would repeat the rule in too many
   * elementary intervals for what they prune.
   */
  static final long MAX_INDEXED_COVERAGE = 1L << 25;

  private static PortGroup group(String name, List<Integer> rules, List<RulePlan> plans) {
    return group(name, rules, plans, false);
  }

  /**
   * A group of {@code rules}; with {@code sharedPorts} (the group shared by port sets without a
   * group of their own) header-only TCP/UDP rules are keyed by their destination ports, elsewhere
   * every rule of the group accepts every port that selects it.
   */
  private static PortGroup group(
      String name, List<Integer> rules, List<RulePlan> plans, boolean sharedPorts) {
    PrefilterBuilder[] builders = new PrefilterBuilder[Buffers.COUNT];
    List<Integer> always = new ArrayList<>();
    AddressIndexBuilder bySrc = new AddressIndexBuilder();
    AddressIndexBuilder byDst = new AddressIndexBuilder();
    AddressIndexBuilder byPort = new AddressIndexBuilder();
    AddressIndexBuilder byIcmp = new AddressIndexBuilder();
    for (int r : rules) {
      RulePlan plan = plans.get(r);
      RulePlan.FastPatternChoice fp = plan.fastPattern();
      if (fp == null) {
        // the header check is a necessary condition of a match: key the rule by its narrower side
        long src = plan.bidirectional() ? Long.MAX_VALUE : coverage(plan.srcAddr());
        long dst = plan.bidirectional() ? Long.MAX_VALUE : coverage(plan.dstAddr());
        if (Math.min(src, dst) > MAX_INDEXED_COVERAGE) {
          if (sharedPorts
              && !plan.bidirectional()
              && (plan.rule().protocol() == Protocol.TCP || plan.rule().protocol() == Protocol.UDP)
              && !PortSets.isAny(plan.dstPorts())) {
            // a TCP/UDP rule in a port group shared by several port sets: only its own ports
            byPort.add(r, new AddressSet(portIntervals(plan.dstPorts()), new long[0]));
          } else if (icmpTypes(plan) != null) {
            byIcmp.add(r, new AddressSet(icmpTypes(plan), new long[0]));
          } else {
            always.add(r);
          }
        } else if (src <= dst) {
          bySrc.add(r, plan.srcAddr());
        } else {
          byDst.add(r, plan.dstAddr());
        }
        continue;
      }
      if (builders[fp.bufferId()] == null) {
        builders[fp.bufferId()] = new PrefilterBuilder();
      }
      builders[fp.bufferId()].add(fp.bytes(), r, fp.minStart(), fp.maxStart());
    }
    Prefilter[] pf = new Prefilter[Buffers.COUNT];
    for (int b = 0; b < Buffers.COUNT; b++) {
      if (builders[b] != null) {
        pf[b] = builders[b].build();
      }
    }
    AddressIndex src = bySrc.build();
    AddressIndex dst = byDst.build();
    AddressIndex port = byPort.build();
    AddressIndex icmp = byIcmp.build();
    // rules too wide for an index are always candidates, in rule order
    TreeSet<Integer> all = new TreeSet<>(always);
    all.addAll(bySrc.leftOut());
    all.addAll(byDst.leftOut());
    all.addAll(byPort.leftOut());
    all.addAll(byIcmp.leftOut());
    return new PortGroup(
        name,
        rules.size(),
        all.stream().mapToInt(Integer::intValue).toArray(),
        pf,
        src,
        dst,
        port,
        icmp);
  }

  private static long[] portIntervals(int[] ranges) {
    long[] out = new long[ranges.length];
    for (int i = 0; i < ranges.length; i++) {
      out[i] = ranges[i];
    }
    return out;
  }

  /**
   * IPv4 addresses in {@code set} ({@code Long.MAX_VALUE} for "any"); IPv6 parts are not counted.
   */
  static long coverage(AddressSet set) {
    if (set.isAny()) {
      return Long.MAX_VALUE;
    }
    long[] iv = set.v4Intervals();
    long n = 0;
    for (int i = 0; i < iv.length; i += 2) {
      n += iv[i + 1] - iv[i] + 1;
    }
    return n;
  }

  /**
   * Whether the group structure assigns rule {@code r} a chance at port {@code port} (for tests).
   */
  static boolean covers(RulePlan p, int port) {
    return PortSets.contains(p.dstPorts(), port)
        || p.bidirectional() && PortSets.contains(p.srcPorts(), port);
  }
}
