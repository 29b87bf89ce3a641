package org.vigil.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The multi-pattern prefilter of one port group and buffer: an Aho-Corasick automaton over
 * ASCII-lower-cased fast patterns (a dense root row, sparse edges below, failure links, merged
 * outputs), in flat primitive arrays built by the compiler and stored in the artifact; on load the
 * states are renumbered breadth first and the root, depth-1 and busiest states get dense 256-entry
 * rows with failure links resolved, so most bytes cost one table read. A hit of
 * pattern {@code p} at start position {@code s} makes each rule of p's entries a candidate when
 * {@code minStart <= s <= maxStart} (the content's offset and depth). Case-sensitive patterns are
 * folded too: the prefilter may over-approximate, the rule code checks exactly.
 */
public final class Prefilter {
  final int[] root;
  final int[] edgeStart;
  final byte[] edgeLabel;
  final int[] edgeTarget;
  final int[] fail;
  final int[] outStart;
  final int[] outPat;
  final int[] patLen;
  final int[] entStart;
  final int[] entRule;
  final int[] entMinStart;
  final int[] entMaxStart;

  /** States given a dense 256-entry transition row at most (root, depth-1 states, then the busiest). */
  static final int MAX_DENSE = 512;
  /** A state with at least this many edges gets a dense row (while rows remain). */
  static final int DENSE_EDGES = 4;

  private static final byte[] LOWER = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }

  // ---- scan tables, derived from the stored ones when loaded: states renumbered breadth first with the
  // dense ones first; every transition value is (state << 1) | (1 when the state has outputs)
  private final int denseCount;
  private final int[] dense;
  private final int[] sEdgeStart;
  private final byte[] sEdgeLabel;
  private final int[] sEdgeTarget;
  private final int[] sFail;
  private final int[] sOutStart;
  private final int[] sOutPat;

  /** Wraps tables produced by the compiler's builder (see the class comment for their meaning). */
  public Prefilter(int[] root, int[] edgeStart, byte[] edgeLabel, int[] edgeTarget, int[] fail,
      int[] outStart, int[] outPat, int[] patLen, int[] entStart, int[] entRule, int[] entMinStart,
      int[] entMaxStart) {
    this.root = root;
    this.edgeStart = edgeStart;
    this.edgeLabel = edgeLabel;
    this.edgeTarget = edgeTarget;
    this.fail = fail;
    this.outStart = outStart;
    this.outPat = outPat;
    this.patLen = patLen;
    this.entStart = entStart;
    this.entRule = entRule;
    this.entMinStart = entMinStart;
    this.entMaxStart = entMaxStart;
    int n = fail.length;
    if (root.length != 256 || edgeStart.length != n + 1 || outStart.length != n + 1
        || edgeLabel.length != edgeTarget.length || edgeStart[n] != edgeLabel.length) {
      throw new IllegalArgumentException("prefilter tables disagree");
    }
    // breadth-first order and depth; the root's children come from the dense root row
    int[] order = new int[n];
    int[] depth = new int[n];
    boolean[] seen = new boolean[n];
    int head = 0;
    int tail = 0;
    order[tail++] = 0;
    seen[0] = true;
    while (head < tail) {
      int s = order[head++];
      if (s == 0) {
        for (int c = 0; c < 256; c++) {
          int t = root[c];
          if (t != 0 && !seen[t]) {
            seen[t] = true;
            depth[t] = 1;
            order[tail++] = t;
          }
        }
      } else {
        for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
          int t = edgeTarget[e];
          if (!seen[t]) {
            seen[t] = true;
            depth[t] = depth[s] + 1;
            order[tail++] = t;
          }
        }
      }
    }
    if (tail != n) {
      throw new IllegalArgumentException("prefilter tables: " + (n - tail) + " unreachable states");
    }
    // dense states: root and depth 1 first, then states with many edges, breadth first, up to MAX_DENSE
    boolean[] isDense = new boolean[n];
    int nd = 0;
    for (int k = 0; k < n && nd < MAX_DENSE; k++) {
      int s = order[k];
      if (depth[s] <= 1 || edgeStart[s + 1] - edgeStart[s] >= DENSE_EDGES) {
        isDense[s] = true;
        nd++;
      }
    }
    int[] newId = new int[n];
    int[] oldOf = new int[n];
    int next = 0;
    for (int k = 0; k < n; k++) {
      if (isDense[order[k]]) {
        oldOf[next] = order[k];
        newId[order[k]] = next++;
      }
    }
    for (int k = 0; k < n; k++) {
      if (!isDense[order[k]]) {
        oldOf[next] = order[k];
        newId[order[k]] = next++;
      }
    }
    denseCount = nd;
    sOutStart = new int[n + 1];
    sOutPat = new int[outPat.length];
    int o = 0;
    for (int ns = 0; ns < n; ns++) {
      int s = oldOf[ns];
      sOutStart[ns] = o;
      for (int k = outStart[s]; k < outStart[s + 1]; k++) {
        sOutPat[o++] = outPat[k];
      }
    }
    sOutStart[n] = o;
    sFail = new int[n];
    sEdgeStart = new int[n + 1];
    sEdgeLabel = new byte[edgeLabel.length];
    sEdgeTarget = new int[edgeTarget.length];
    int e2 = 0;
    for (int ns = 0; ns < n; ns++) {
      int s = oldOf[ns];
      sFail[ns] = newId[fail[s]];
      sEdgeStart[ns] = e2;
      if (s != 0) {
        for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
          sEdgeLabel[e2] = edgeLabel[e];
          sEdgeTarget[e2] = code(newId[edgeTarget[e]]);
          e2++;
        }
      }
    }
    sEdgeStart[n] = e2;
    // dense rows in breadth-first order: a missing edge follows the failure link, whose row (shallower) is done
    dense = new int[nd << 8];
    for (int ns = 0; ns < nd; ns++) {
      int s = oldOf[ns];
      if (s == 0) {
        for (int c = 0; c < 256; c++) {
          dense[c] = code(newId[root[c]]);
        }
        continue;
      }
      int f = sFail[ns];
      for (int c = 0; c < 256; c++) {
        dense[(ns << 8) | c] = f < nd ? dense[(f << 8) | c] : step(f, (byte) c);
      }
      for (int e = sEdgeStart[ns]; e < sEdgeStart[ns + 1]; e++) {
        dense[(ns << 8) | (sEdgeLabel[e] & 0xff)] = sEdgeTarget[e];
      }
    }
  }

  private int code(int newState) {
    return newState << 1 | (sOutStart[newState] != sOutStart[newState + 1] ? 1 : 0);
  }

  /** The coded transition from (renumbered) state {@code s} on byte {@code b}, dense rows below {@code s} ready. */
  private int step(int s, byte b) {
    while (true) {
      if (s < denseCount) {
        return dense[(s << 8) | (b & 0xff)];
      }
      for (int e = sEdgeStart[s], end = sEdgeStart[s + 1]; e < end; e++) {
        if (sEdgeLabel[e] == b) {
          return sEdgeTarget[e];
        }
      }
      s = sFail[s];
    }
  }

  /** Number of distinct patterns. */
  public int patternCount() {
    return patLen.length;
  }

  /** Number of automaton states. */
  public int stateCount() {
    return fail.length;
  }

  /** Number of (pattern, rule) entries. */
  public int entryCount() {
    return entRule.length;
  }

  /** Global rule indexes reachable through this prefilter (for inspection tools). */
  public int[] rules() {
    return entRule.clone();
  }

  /** Scans {@code data[base .. base+len)} and adds the candidate rules to {@code out}. */
  public void scan(byte[] data, int base, int len, CandidateSet out) {
    final int[] dense = this.dense;
    final int nd = denseCount;
    final byte[] lower = LOWER;
    int s = 0;
    for (int i = 0; i < len; i++) {
      int c = lower[data[base + i] & 0xff];
      int t;
      if (s < nd) {
        t = dense[(s << 8) | (c & 0xff)];
      } else {
        t = sparse(s, (byte) c);
      }
      s = t >>> 1;
      if ((t & 1) != 0) {
        report(i, s, out);
      }
    }
  }

  private int sparse(int s, byte b) {
    final int[] edgeStart = sEdgeStart;
    final byte[] edgeLabel = sEdgeLabel;
    while (true) {
      for (int e = edgeStart[s], end = edgeStart[s + 1]; e < end; e++) {
        if (edgeLabel[e] == b) {
          return sEdgeTarget[e];
        }
      }
      s = sFail[s];
      if (s < denseCount) {
        return dense[(s << 8) | (b & 0xff)];
      }
    }
  }

  private void report(int i, int s, CandidateSet out) {
    for (int o = sOutStart[s], oEnd = sOutStart[s + 1]; o < oEnd; o++) {
      int p = sOutPat[o];
      int start = i - patLen[p] + 1;
      for (int e = entStart[p], end = entStart[p + 1]; e < end; e++) {
        if (start >= entMinStart[e] && start <= entMaxStart[e]) {
          out.add(entRule[e]);
        }
      }
    }
  }

  /** Length of pattern {@code p} in the automaton. */
  public int patternLength(int p) {
    return patLen[p];
  }

  /** Writes the tables. */
  public void write(DataOutputStream out) throws IOException {
    TableIO.writeInts(out, root);
    TableIO.writeInts(out, edgeStart);
    TableIO.writeBytes(out, edgeLabel);
    TableIO.writeInts(out, edgeTarget);
    TableIO.writeInts(out, fail);
    TableIO.writeInts(out, outStart);
    TableIO.writeInts(out, outPat);
    TableIO.writeInts(out, patLen);
    TableIO.writeInts(out, entStart);
    TableIO.writeInts(out, entRule);
    TableIO.writeInts(out, entMinStart);
    TableIO.writeInts(out, entMaxStart);
  }

  /** Reads tables written by {@link #write}. */
  public static Prefilter read(DataInputStream in) throws IOException {
    return new Prefilter(TableIO.readInts(in), TableIO.readInts(in), TableIO.readBytes(in),
        TableIO.readInts(in), TableIO.readInts(in), TableIO.readInts(in), TableIO.readInts(in),
        TableIO.readInts(in), TableIO.readInts(in), TableIO.readInts(in), TableIO.readInts(in),
        TableIO.readInts(in));
  }
}
