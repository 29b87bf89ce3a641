package org.vigil.detect.artifact;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The multi-pattern prefilter of one port group and buffer: an Aho-Corasick automaton over
 * ASCII-lower-cased fast patterns (a dense root row, sparse edges below, failure links, merged
 * outputs), in flat primitive arrays built by the compiler and stored in the artifact; on load the
 * states are renumbered breadth first and the root, depth-1 and busiest states get dense rows (one
 * entry per byte class: the bytes some pattern uses, and one class for all others) with failure
 * links resolved, so most bytes cost one table read; a sparse state's record also carries the edges
 * of the sparse states on its failure chain, so a miss costs one more row read. A hit of pattern
 * {@code p} at start position {@code s} makes each rule of p's entries a candidate when {@code
 * minStart <= s <= maxStart} (the content's offset and depth). Case-sensitive patterns are folded
 * too: the prefilter may over-approximate, the rule code checks exactly.
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

  // ---- scan tables, derived from the stored ones when loaded. Input bytes are mapped to byte
  // classes:
  // class 0 for every byte no pattern uses, one class per byte some pattern uses (upper-case
  // letters fold
  // onto lower-case), so a dense row has one entry per class, not 256, then the state's output list
  // offset.
  // A dense state's id is the start of its row in {@code dense} (breadth first); every other
  // state's id is denseLimit plus the offset of its
  // record in {@code records}: [failure state, edge count, output list offset, edges as class |
  // target << 8].
  // A transition value is (id << 1) | (1 when the state has outputs); output lists in {@code outs}
  // are [count, pattern ids...].
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

  /** The scan by hashed prefixes that {@link #scan} runs. */
  private final LiteralScan literals;

  /** Wraps tables produced by the compiler's builder (see the class comment for their meaning). */
  public Prefilter(
      int[] root,
      int[] edgeStart,
      byte[] edgeLabel,
      int[] edgeTarget,
      int[] fail,
      int[] outStart,
      int[] outPat,
      int[] patLen,
      int[] entStart,
      int[] entRule,
      int[] entMinStart,
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
    if (root.length != 256
        || edgeStart.length != n + 1
        || outStart.length != n + 1
        || edgeLabel.length != edgeTarget.length
        || edgeStart[n] != edgeLabel.length) {
      throw new IllegalArgumentException("prefilter tables disagree");
    }
    // byte classes: the (lower-case) bytes that label an edge each get a class; all other bytes
    // share class 0
    boolean[] used = new boolean[256];
    for (int c = 0; c < 256; c++) {
      used[c] = root[c] != 0;
    }
    for (byte label : edgeLabel) {
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
    // breadth-first order and depth; the root's children come from the dense root row
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
          int t = root[c];
          if (t != 0 && !seen[t]) {
            seen[t] = true;
            depth[t] = 1;
            label[t] = (byte) c;
            order[tail++] = t;
          }
        }
      } else {
        for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
          int t = edgeTarget[e];
          if (!seen[t]) {
            seen[t] = true;
            depth[t] = depth[s] + 1;
            parent[t] = s;
            label[t] = edgeLabel[e];
            order[tail++] = t;
          }
        }
      }
    }
    if (tail != n) {
      throw new IllegalArgumentException("prefilter tables: " + (n - tail) + " unreachable states");
    }
    boolean[] freePattern = new boolean[patLen.length];
    for (int p = 0; p < freePattern.length; p++) {
      freePattern[p] = true;
      for (int e = entStart[p]; e < entStart[p + 1]; e++) {
        freePattern[p] &= entMinStart[e] <= 0 && entMaxStart[e] == Integer.MAX_VALUE;
      }
    }
    literals = new LiteralScan(patterns(parent, label, depth), freePattern);
    // dense states: root and depth 1 first, then states with many edges, breadth first, up to
    // MAX_DENSE
    boolean[] isDense = new boolean[n];
    int nd = 0;
    for (int k = 0; k < n && nd < MAX_DENSE; k++) {
      int s = order[k];
      if (depth[s] <= 1 || edgeStart[s + 1] - edgeStart[s] >= DENSE_EDGES) {
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
        int own = edgeStart[f + 1] - edgeStart[f];
        if (f != st && m + own > MERGE_EDGES) {
          break;
        }
        for (int e = edgeStart[f]; e < edgeStart[f + 1]; e++) {
          int c = labelClass[edgeLabel[e] & 0xff];
          if (seenAt[c] != st) {
            seenAt[c] = st;
            if (m == buf.length) {
              buf = Arrays.copyOf(buf, m * 2);
            }
            buf[m++] = c | edgeTarget[e] << 8;
          }
        }
        f = fail[f];
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
    outs = new int[outPat.length + n];
    dense = new int[nd * width];
    int o = 0;
    int[] outOf = new int[n];
    for (int st = 0; st < n; st++) {
      int cnt = outStart[st + 1] - outStart[st];
      if (cnt > 0) {
        outOf[st] = o;
        boolean free = true;
        for (int k = outStart[st]; k < outStart[st + 1] && free; k++) {
          for (int e = entStart[outPat[k]]; e < entStart[outPat[k] + 1]; e++) {
            free &= entMinStart[e] <= 0 && entMaxStart[e] == Integer.MAX_VALUE;
          }
        }
        outs[o++] = cnt | (free ? POSITION_FREE : 0);
        for (int k = outStart[st]; k < outStart[st + 1]; k++) {
          outs[o++] = outPat[k];
        }
      }
    }
    int[] coded = new int[n];
    for (int st = 0; st < n; st++) {
      coded[st] = newId[st] << 1 | (outStart[st + 1] != outStart[st] ? 1 : 0);
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
      dense[c] = coded[root[classLabel[c]]];
    }
    for (int r = 1; r < nd; r++) {
      int st = denseOld[r];
      int f = newId[fail[st]];
      int row = r * width;
      for (int c = 0; c < nc; c++) {
        dense[row + c] = f < denseLimit ? dense[f + c] : sparse(f, c);
      }
      for (int e = edgeStart[st]; e < edgeStart[st + 1]; e++) {
        dense[row + labelClass[edgeLabel[e] & 0xff]] = coded[edgeTarget[e]];
      }
    }
  }

  /** Number of distinct patterns. */
  public int patternCount() {
    return patLen.length;
  }

  /** Number of byte classes of the scan (bytes some pattern uses, plus one for all others). */
  public int byteClasses() {
    return classes;
  }

  /** Number of automaton states. */
  public int stateCount() {
    return fail.length;
  }

  /** Bytes held by the scan tables derived on load (dense rows, sparse records, output lists). */
  public long scanTableBytes() {
    return 4L * (dense.length + records.length + outs.length) + classOf.length;
  }

  /** Number of (pattern, rule) entries. */
  public int entryCount() {
    return entRule.length;
  }

  /** Global rule indexes reachable through this prefilter (for inspection tools). */
  public int[] rules() {
    return entRule.clone();
  }

  /**
   * The folded bytes of each pattern: the path to the state at the pattern's own depth among the
   * states that output it.
   */
  private byte[][] patterns(int[] parent, byte[] label, int[] depth) {
    byte[][] pats = new byte[patLen.length][];
    for (int st = 0; st < fail.length; st++) {
      for (int k = outStart[st]; k < outStart[st + 1]; k++) {
        int p = outPat[k];
        if (pats[p] == null && depth[st] == patLen[p]) {
          byte[] b = new byte[patLen[p]];
          for (int j = b.length - 1, x = st; j >= 0; j--, x = parent[x]) {
            int c = label[x] & 0xff;
            b[j] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
          }
          pats[p] = b;
        }
      }
    }
    for (int p = 0; p < pats.length; p++) {
      if (pats[p] == null) {
        throw new IllegalArgumentException("prefilter tables: pattern " + p + " has no state");
      }
    }
    return pats;
  }

  /** Scans {@code data[base .. base+len)} and adds the candidate rules to {@code out}. */
  public void scan(byte[] data, int base, int len, CandidateSet out) {
    literals.scan(data, base, len, this, out);
  }

  /**
   * Adds the candidates of pattern {@code p} found at start position {@code start} (as {@link
   * #report} for the automaton).
   */
  void reportStart(int p, int start, CandidateSet out) {
    for (int e = entStart[p], end = entStart[p + 1]; e < end; e++) {
      if (start >= entMinStart[e] && start <= entMaxStart[e]) {
        out.add(entRule[e]);
      }
    }
  }

  /**
   * The same scan by the Aho-Corasick automaton (the reference the literal scan is checked
   * against).
   */
  public void scanAutomaton(byte[] data, int base, int len, CandidateSet out) {
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
      int start = i - patLen[p] + 1;
      for (int e = entStart[p], end = entStart[p + 1]; e < end; e++) {
        if (start >= entMinStart[e] && start <= entMaxStart[e]) {
          out.add(entRule[e]);
        }
      }
    }
    return head < 0;
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
    return new Prefilter(
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readBytes(in),
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readInts(in),
        TableIO.readInts(in));
  }
}
