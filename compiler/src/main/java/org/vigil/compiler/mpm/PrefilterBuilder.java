package org.vigil.compiler.mpm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.detect.artifact.Prefilter;

/**
 * Builds a {@link Prefilter} (Aho-Corasick over lower-cased patterns, flat tables) from the fast
 * patterns of one port group and buffer. Patterns longer than {@link #MAX_PATTERN} are cut to their
 * prefix: the prefilter may only over-approximate, the rule code checks the whole content.
 */
public final class PrefilterBuilder {
  /** Longest pattern prefix put in the automaton. */
  public static final int MAX_PATTERN = 24;

  private record Entry(int rule, int minStart, int maxStart) {}

  private final Map<String, Integer> patIds = new HashMap<>();
  private final List<byte[]> patterns = new ArrayList<>();
  private final List<List<Entry>> entries = new ArrayList<>();

  /**
   * Adds the fast pattern {@code pattern} of rule {@code rule}; the content must start at a
   * position within {@code [minStart, maxStart]} ({@code Integer.MAX_VALUE} = unbounded).
   */
  public void add(byte[] pattern, int rule, int minStart, int maxStart) {
    if (pattern.length == 0) {
      throw new IllegalArgumentException("empty fast pattern");
    }
    int n = Math.min(pattern.length, MAX_PATTERN);
    byte[] folded = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = pattern[i] & 0xff;
      folded[i] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    String key = new String(folded, java.nio.charset.StandardCharsets.ISO_8859_1);
    Integer id = patIds.get(key);
    if (id == null) {
      id = patterns.size();
      patIds.put(key, id);
      patterns.add(folded);
      entries.add(new ArrayList<>());
    }
    entries.get(id).add(new Entry(rule, Math.max(0, minStart), maxStart));
  }

  /** True when no pattern was added. */
  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Builds the automaton tables. */
  public Prefilter build() {
    // trie with sparse children kept as sorted maps during construction
    List<int[]> childLabels = new ArrayList<>();
    List<int[]> childTargets = new ArrayList<>();
    List<Integer> depth = new ArrayList<>();
    List<List<Integer>> outs = new ArrayList<>();
    newState(childLabels, childTargets, depth, outs, 0);
    for (int p = 0; p < patterns.size(); p++) {
      int s = 0;
      for (byte b : patterns.get(p)) {
        int t = child(childLabels.get(s), childTargets.get(s), b);
        if (t < 0) {
          t = newState(childLabels, childTargets, depth, outs, depth.get(s) + 1);
          addChild(childLabels, childTargets, s, b, t);
        }
        s = t;
      }
      outs.get(s).add(p);
    }
    int n = depth.size();
    int[] fail = new int[n];
    int[] root = new int[256];
    int[] rl = childLabels.get(0);
    int[] rt = childTargets.get(0);
    for (int i = 0; i < rl.length; i++) {
      root[rl[i] & 0xff] = rt[i];
    }
    // BFS for failure links; merge outputs along them
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int t : rt) {
      fail[t] = 0;
      queue.add(t);
    }
    List<int[]> merged = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      merged.add(null);
    }
    merged.set(0, new int[0]);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int[] own = outs.get(s).stream().mapToInt(Integer::intValue).toArray();
      int[] viaFail = merged.get(fail[s]);
      int[] all = Arrays.copyOf(own, own.length + viaFail.length);
      System.arraycopy(viaFail, 0, all, own.length, viaFail.length);
      merged.set(s, all);
      int[] labels = childLabels.get(s);
      int[] targets = childTargets.get(s);
      for (int i = 0; i < labels.length; i++) {
        byte b = (byte) labels[i];
        int t = targets[i];
        int f = fail[s];
        int next;
        while (true) {
          if (f == 0) {
            next = root[b & 0xff];
            break;
          }
          int c = child(childLabels.get(f), childTargets.get(f), b);
          if (c >= 0) {
            next = c;
            break;
          }
          f = fail[f];
        }
        fail[t] = next == t ? 0 : next;
        queue.add(t);
      }
    }
    int edges = 0;
    for (int s = 1; s < n; s++) {
      edges += childLabels.get(s).length;
    }
    int[] edgeStart = new int[n + 1];
    byte[] edgeLabel = new byte[edges];
    int[] edgeTarget = new int[edges];
    int e = 0;
    for (int s = 0; s < n; s++) {
      edgeStart[s] = e;
      if (s == 0) {
        continue;
      }
      int[] labels = childLabels.get(s);
      int[] targets = childTargets.get(s);
      for (int i = 0; i < labels.length; i++) {
        edgeLabel[e] = (byte) labels[i];
        edgeTarget[e] = targets[i];
        e++;
      }
    }
    edgeStart[n] = e;
    int outCount = 0;
    for (int[] m : merged) {
      outCount += m.length;
    }
    int[] outStart = new int[n + 1];
    int[] outPat = new int[outCount];
    int o = 0;
    for (int s = 0; s < n; s++) {
      outStart[s] = o;
      for (int p : merged.get(s)) {
        outPat[o++] = p;
      }
    }
    outStart[n] = o;
    int[] patLen = new int[patterns.size()];
    int entCount = 0;
    for (int p = 0; p < patterns.size(); p++) {
      patLen[p] = patterns.get(p).length;
      entCount += entries.get(p).size();
    }
    int[] entStart = new int[patterns.size() + 1];
    int[] entRule = new int[entCount];
    int[] entMin = new int[entCount];
    int[] entMax = new int[entCount];
    int k = 0;
    for (int p = 0; p < patterns.size(); p++) {
      entStart[p] = k;
      for (Entry en : entries.get(p)) {
        entRule[k] = en.rule;
        entMin[k] = en.minStart;
        entMax[k] = en.maxStart;
        k++;
      }
    }
    entStart[patterns.size()] = k;
    return new Prefilter(
        root,
        edgeStart,
        edgeLabel,
        edgeTarget,
        fail,
        outStart,
        outPat,
        patLen,
        entStart,
        entRule,
        entMin,
        entMax);
  }

  private static int newState(
      List<int[]> l, List<int[]> t, List<Integer> depth, List<List<Integer>> outs, int d) {
    l.add(new int[0]);
    t.add(new int[0]);
    depth.add(d);
    outs.add(new ArrayList<>(1));
    return depth.size() - 1;
  }

  private static int child(int[] labels, int[] targets, byte b) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == (b & 0xff)) {
        return targets[i];
      }
    }
    return -1;
  }

  private static void addChild(List<int[]> l, List<int[]> t, int s, byte b, int target) {
    int[] labels = Arrays.copyOf(l.get(s), l.get(s).length + 1);
    int[] targets = Arrays.copyOf(t.get(s), t.get(s).length + 1);
    labels[labels.length - 1] = b & 0xff;
    targets[targets.length - 1] = target;
    l.set(s, labels);
    t.set(s, targets);
  }
}
