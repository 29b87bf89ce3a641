package org.vigil.detect.artifact;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The multi-pattern prefilter of one port group and buffer: an Aho-Corasick automaton over
 * ASCII-lower-cased fast patterns (a dense root row, sparse edges below, failure links, merged
 * outputs), in flat primitive arrays built by the compiler and stored in the artifact. A run scans
 * with {@link LiteralScan}, set up from the patterns on load; the automaton's own scan tables
 * ({@link AutomatonScan}, the reference) are derived only when {@link #scanAutomaton} is first
 * called. A hit of pattern {@code p} at start position {@code s} makes each rule of p's entries a
 * candidate when {@code minStart <= s <= maxStart} (the content's offset and depth). Case-sensitive
 * patterns are folded too: the prefilter may over-approximate, the rule code checks exactly.
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

  /** The scan by hashed prefixes that {@link #scan} runs. */
  private final LiteralScan literals;

  /** The scans restricted to the rules of one inspection scope, made on first use. */
  private volatile Restricted restricted;

  /** A scan with no pattern: a restriction that keeps no rule of this prefilter. */
  private static final LiteralScan NONE =
      new LiteralScan(new byte[0][], new boolean[0], new int[0]);

  /**
   * The restricted scans made for one array of rule scopes, indexed by scope (null: not made yet).
   */
  private record Restricted(byte[] ruleScopes, LiteralScan[] byScope) {}

  /** The automaton's scan tables, made on the first {@link #scanAutomaton}. */
  private volatile AutomatonScan automaton;

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
    AutomatonScan.Tree tree = AutomatonScan.breadthFirst(this);
    boolean[] freePattern = new boolean[patLen.length];
    int[] lastStart = new int[patLen.length];
    for (int p = 0; p < freePattern.length; p++) {
      freePattern[p] = true;
      lastStart[p] = -1;
      for (int e = entStart[p]; e < entStart[p + 1]; e++) {
        freePattern[p] &= entMinStart[e] <= 0 && entMaxStart[e] == Integer.MAX_VALUE;
        lastStart[p] = Math.max(lastStart[p], entMaxStart[e]);
      }
    }
    literals =
        new LiteralScan(
            patterns(tree.parent(), tree.label(), tree.depth()), freePattern, lastStart);
  }

  /** Number of distinct patterns. */
  public int patternCount() {
    return patLen.length;
  }

  /** Number of byte classes of the scan (bytes some pattern uses, plus one for all others). */
  public int byteClasses() {
    return automaton().byteClasses();
  }

  /** Number of automaton states. */
  public int stateCount() {
    return fail.length;
  }

  /** Bytes held by the tables of the run-time scan ({@link LiteralScan}), derived on load. */
  public long scanTableBytes() {
    return literals.tableBytes();
  }

  /** Bytes the automaton's reference scan tables take once made (they are made now). */
  public long automatonTableBytes() {
    return automaton().tableBytes();
  }

  private AutomatonScan automaton() {
    AutomatonScan a = automaton;
    if (a == null) {
      a = new AutomatonScan(this);
      automaton = a;
    }
    return a;
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
   * As {@link #scan(byte[], int, int, CandidateSet)} for an inspection that evaluates only the
   * rules {@code r} with {@code (ruleScopes[r] & scope) != 0} (every rule when {@code scope} is 0):
   * the scan looks only for the patterns of such rules (the others' candidates would be skipped),
   * so a packet whose payload the stream inspects again is scanned for the few patterns of the
   * rules that need the packet itself. Those rules get the same candidates as from the full scan.
   * {@code ruleScopes} is the ruleset's array, the same for every call (the restricted scans made
   * from it are kept).
   */
  public void scan(byte[] data, int base, int len, CandidateSet out, byte[] ruleScopes, int scope) {
    LiteralScan s = scope == 0 ? literals : restricted(ruleScopes, scope);
    if (s != NONE) {
      s.scan(data, base, len, this, out);
    }
  }

  private LiteralScan restricted(byte[] ruleScopes, int scope) {
    if (scope < 0 || scope >= 32) {
      return literals;
    }
    Restricted r = restricted;
    if (r == null || r.ruleScopes() != ruleScopes) {
      r = new Restricted(ruleScopes, new LiteralScan[32]);
      restricted = r;
    }
    LiteralScan s = r.byScope()[scope];
    if (s == null) {
      // a race makes the same scan twice; its fields are final, so any copy read is complete
      s = restrict(ruleScopes, scope);
      r.byScope()[scope] = s;
    }
    return s;
  }

  /** The literal scan of the patterns having a rule of {@code scope}: the others left empty. */
  private LiteralScan restrict(byte[] ruleScopes, int scope) {
    int n = patLen.length;
    byte[][] pats = new byte[n][];
    boolean[] free = new boolean[n];
    int[] lastStart = new int[n];
    int kept = 0;
    for (int p = 0; p < n; p++) {
      boolean keep = false;
      for (int e = entStart[p]; e < entStart[p + 1]; e++) {
        keep |= (ruleScopes[entRule[e]] & scope) != 0;
      }
      pats[p] = keep ? literals.pattern(p) : new byte[0];
      free[p] = literals.free(p);
      lastStart[p] = literals.lastStart(p);
      kept += keep ? 1 : 0;
    }
    if (kept == n) {
      return literals;
    }
    return kept == 0 ? NONE : new LiteralScan(pats, free, lastStart);
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
   * against); its tables are made on the first call.
   */
  public void scanAutomaton(byte[] data, int base, int len, CandidateSet out) {
    automaton().scan(data, base, len, out);
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
