package org.vigil.detect.artifact;

import java.util.Arrays;

/**
 * The Aho-Corasick scan of a {@link Prefilter}'s stored automaton, the reference that {@link
 * LiteralScan} is checked against (tests and benchmarks; a run scans with {@link LiteralScan}), so
 * it is derived on first use. The states are renumbered breadth first and the root, depth-1 and
 * busiest states get dense rows (one entry per byte class: the bytes some pattern uses, and one
 * class for all others) with failure links resolved, so most bytes cost one table read; a sparse
 * state's record also carries the edges of the sparse states on its failure chain, so a miss costs
 * one more row read.
 */
final class AutomatonScan {
  /** States given a dense transition row at most (root, depth-1 states, then the busiest). */
  static final int MAX_DENSE = 512;

  /** A state with at least this many edges gets a dense row (while rows remain). */
  static final int DENSE_EDGES = 4;

  /**
   * A sparse record takes in the edges of the sparse states on its failure chain up to this many
   * edges.
   */
  static final int MERGE_EDGES = 16;

  /** Marks an output list whose entries all accept any start position (set in the list's count). */
  private static final int POSITION_FREE = 1 << 31;

  /** The automaton's states in breadth-first order, with each state's depth, parent and label. */
  record Tree(int[] order, int[] depth, int[] parent, byte[] label) {}

  private final Prefilter pf;

  // Input bytes are mapped to byte classes: class 0 for every byte no pattern uses, one class per
  // byte some pattern uses (upper-case letters fold onto lower-case), so a dense row has one entry
  // per class, then the state's output list offset. A dense state's id is the start of its row in
  // {@code dense} (breadth first); every other state's id is denseLimit plus the offset of its
  // record in {@code records}: [failure state, edge count, output list offset, edges as class |
  // target << 8]. A transition value is (id << 1) | (1 when the state has outputs); output lists in
  // {@code outs} are [count, pattern ids...].
  private final byte[] classOf;
  private final int classes;

  /**
   * Ids below this are dense states (the start of their row); the others are denseLimit + record
   * offset.
   */
  private final int denseLimit;

  private final int[] dense;
  private final int[] records;
  private final int[] outs;

  /** The scan tables of {@code pf}'s automaton. */
  AutomatonScan(Prefilter pf) {
    this.pf = pf;
    int n = pf.fail.length;
    // byte classes: the (lower-case) bytes that label an edge each get a class; all other bytes
    // share class 0
    boolean[] used = new boolean[256];
    for (int c = 0; c < 256; c++) {
      used[c] = pf.root[c] != 0;
    }
    for (byte label : pf.edgeLabel) {
      used[label & 0xff] = true;
    }
    int[] labelClass = new int[256];
    int[] classLabel = new int[257];
    int nc = 1;
    for (int c = 0; c < 256; c++) {
      if (used[c]) {
        labelClass[c] = nc;
        classLabel[nc++] = c;
      }
    }
    classes = nc;
    classOf = new byte[256];
    for (int c = 0; c < 256; c++) {
      classOf[c] = (byte) labelClass[c >= 'A' && c <= 'Z' ? c + 32 : c];
    }
    Tree tree = breadthFirst(pf);
    int[] order = tree.order();
    int[] depth = tree.depth();
    // dense states: root and depth 1 first, then states with many edges, breadth first, up to
    // MAX_DENSE
    boolean[] isDense = new boolean[n];
    int nd = 0;
    for (int k = 0; k < n && nd < MAX_DENSE; k++) {
      int s = order[k];
      if (depth[s] <= 1 || pf.edgeStart[s + 1] - pf.edgeStart[s] >= DENSE_EDGES) {
        isDense[s] = true;
        nd++;
      }
    }
    // each sparse record holds its own edges and those of the sparse states on its failure chain (a
    // missing edge of a state is looked up in its failure state), so a miss goes straight to the
    // first
    // dense state of the chain: one record scan and one row read per byte. A chain whose merged
    // edges
    // would pass MERGE_EDGES is cut there: the record's failure link then names that sparse state.
    int[][] merged = new int[n][];
    int[] next = new int[n];
    int[] seenAt = new int[256];
    Arrays.fill(seenAt, -1);
    for (int st = 1; st < n; st++) {
      if (isDense[st]) {
        continue;
      }
      int[] buf = new int[8];
      int m = 0;
      int f = st;
      while (true) {
        int own = pf.edgeStart[f + 1] - pf.edgeStart[f];
        if (f != st && m + own > MERGE_EDGES) {
          break;
        }
        for (int e = pf.edgeStart[f]; e < pf.edgeStart[f + 1]; e++) {
          int c = labelClass[pf.edgeLabel[e] & 0xff];
          if (seenAt[c] != st) {
            seenAt[c] = st;
            if (m == buf.length) {
              buf = Arrays.copyOf(buf, m * 2);
            }
            buf[m++] = c | pf.edgeTarget[e] << 8;
          }
        }
        f = pf.fail[f];
        if (isDense[f]) {
          break;
        }
      }
      merged[st] = Arrays.copyOf(buf, m);
      next[st] = f;
    }
    // ids: a dense state's id is the start of its row (row r at r * nc), so a transition costs one
    // add and one
    // read; a sparse state's id is denseLimit plus the offset of its record (breadth first after
    // the dense)
    int width = nc + 1; // a row: one transition per class, then the state's output list offset
    int denseLimit = nd * width;
    int[] newId = new int[n];
    int[] denseOld = new int[nd];
    int nextDense = 0;
    long off = 0;
    for (int k = 0; k < n; k++) {
      int st = order[k];
      if (isDense[st]) {
        denseOld[nextDense] = st;
        newId[st] = width * nextDense++;
      } else {
        newId[st] = denseLimit + (int) off;
        off += 3 + merged[st].length;
      }
    }
    if (denseLimit + off >= 1 << 22) {
      throw new IllegalArgumentException(
          "prefilter too large for its scan tables (" + n + " states)");
    }
    this.denseLimit = denseLimit;
    records = new int[(int) off];
    outs = new int[pf.outPat.length + n];
    dense = new int[nd * width];
    int o = 0;
    int[] outOf = new int[n];
    for (int st = 0; st < n; st++) {
      int cnt = pf.outStart[st + 1] - pf.outStart[st];
      if (cnt > 0) {
        outOf[st] = o;
        boolean free = true;
        for (int k = pf.outStart[st]; k < pf.outStart[st + 1] && free; k++) {
          for (int e = pf.entStart[pf.outPat[k]]; e < pf.entStart[pf.outPat[k] + 1]; e++) {
            free &= pf.entMinStart[e] <= 0 && pf.entMaxStart[e] == Integer.MAX_VALUE;
          }
        }
        outs[o++] = cnt | (free ? POSITION_FREE : 0);
        for (int k = pf.outStart[st]; k < pf.outStart[st + 1]; k++) {
          outs[o++] = pf.outPat[k];
        }
      }
    }
    int[] coded = new int[n];
    for (int st = 0; st < n; st++) {
      coded[st] = newId[st] << 1 | (pf.outStart[st + 1] != pf.outStart[st] ? 1 : 0);
    }
    for (int st = 1; st < n; st++) {
      if (isDense[st]) {
        dense[newId[st] + nc] = outOf[st];
        continue;
      }
      int r = newId[st] - denseLimit;
      int[] es = merged[st];
      records[r] = newId[next[st]];
      records[r + 1] = es.length;
      records[r + 2] = outOf[st];
      for (int k = 0; k < es.length; k++) {
        records[r + 3 + k] = (es[k] & 0xff) | coded[es[k] >>> 8] << 8;
      }
    }
    // dense rows in breadth-first order: a missing edge follows the failure link, whose row
    // (shallower) is done
    for (int c = 1; c < nc; c++) {
      dense[c] = coded[pf.root[classLabel[c]]];
    }
    for (int r = 1; r < nd; r++) {
      int st = denseOld[r];
      int f = newId[pf.fail[st]];
      int row = r * width;
      for (int c = 0; c < nc; c++) {
        dense[row + c] = f < denseLimit ? dense[f + c] : sparse(f, c);
      }
      for (int e = pf.edgeStart[st]; e < pf.edgeStart[st + 1]; e++) {
        dense[row + labelClass[pf.edgeLabel[e] & 0xff]] = coded[pf.edgeTarget[e]];
      }
    }
  }

  /** The states of {@code pf}'s automaton breadth first; refuses tables with unreachable states. */
  static Tree breadthFirst(Prefilter pf) {
    // the root's children come from the dense root row
    int n = pf.fail.length;
    int[] order = new int[n];
    int[] depth = new int[n];
    int[] parent = new int[n];
    byte[] label = new byte[n];
    boolean[] seen = new boolean[n];
    int head = 0;
    int tail = 0;
    order[tail++] = 0;
    seen[0] = true;
    while (head < tail) {
      int s = order[head++];
      if (s == 0) {
        for (int c = 0; c < 256; c++) {
          int t = pf.root[c];
          if (t != 0 && !seen[t]) {
            seen[t] = true;
            depth[t] = 1;
            label[t] = (byte) c;
            order[tail++] = t;
          }
        }
      } else {
        for (int e = pf.edgeStart[s]; e < pf.edgeStart[s + 1]; e++) {
          int t = pf.edgeTarget[e];
          if (!seen[t]) {
            seen[t] = true;
            depth[t] = depth[s] + 1;
            parent[t] = s;
            label[t] = pf.edgeLabel[e];
            order[tail++] = t;
          }
        }
      }
    }
    if (tail != n) {
      throw new IllegalArgumentException("prefilter tables: " + (n - tail) + " unreachable states");
    }
    return new Tree(order, depth, parent, label);
  }

  /** Number of byte classes of the scan (bytes some pattern uses, plus one for all others). */
  int byteClasses() {
    return classes;
  }

  /** Bytes held by the scan tables (dense rows, sparse records, output lists). */
  long tableBytes() {
    return 4L * (dense.length + records.length + outs.length) + classOf.length;
  }

  /** Scans {@code data[base .. base+len)} and adds the candidate rules to {@code out}. */
  void scan(byte[] data, int base, int len, CandidateSet out) {
    final int[] dense = this.dense;
    final int dl = denseLimit;
    final byte[] classOf = this.classOf;
    int s = 0;
    int lastFree = -1;
    for (int i = 0; i < len; i++) {
      int c = classOf[data[base + i] & 0xff] & 0xff;
      int t = s < dl ? dense[s + c] : sparse(s, c);
      s = t >>> 1;
      if ((t & 1) != 0 && s != lastFree && report(i, s, out)) {
        // its rules are candidates wherever it matches: a repeat in this buffer adds nothing
        lastFree = s;
      }
    }
  }

  /** The transition value from sparse state {@code s} on byte class {@code c}. */
  private int sparse(int s, int c) {
    final int[] rec = records;
    final int dl = denseLimit;
    while (true) {
      int r = s - dl;
      for (int e = r + 3, end = e + rec[r + 1]; e < end; e++) {
        int x = rec[e];
        if ((x & 0xff) == c) {
          return x >>> 8;
        }
      }
      s = rec[r];
      if (s < dl) {
        return dense[s + c];
      }
    }
  }

  /**
   * Adds the candidates of state {@code s}'s patterns ending at {@code i}; true when none depends
   * on the position.
   */
  private boolean report(int i, int s, CandidateSet out) {
    int o = s < denseLimit ? dense[s + classes] : records[s - denseLimit + 2];
    int head = outs[o];
    for (int k = o + 1, oEnd = o + 1 + (head & ~POSITION_FREE); k < oEnd; k++) {
      int p = outs[k];
      int start = i - pf.patLen[p] + 1;
      for (int e = pf.entStart[p], end = pf.entStart[p + 1]; e < end; e++) {
        if (start >= pf.entMinStart[e] && start <= pf.entMaxStart[e]) {
          out.add(pf.entRule[e]);
        }
      }
    }
    return head < 0;
  }
}
