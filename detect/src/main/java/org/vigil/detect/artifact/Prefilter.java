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
public final class Prefilter implements PatternReport {
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

  /** The length of the longest pattern. */
  private final int longest;

  /** The scan by hashed prefixes that {@link #scan} runs. */
  private final LiteralScan literals;

  /** The scans restricted to the rules of one {@link ScanKey}, made on first use. */
  private volatile Restricted restricted;

  /** A scan with no pattern: a restriction that keeps no rule of this prefilter. */
  private static final LiteralScan NONE = new LiteralScan(new byte[0][], new int[0], new int[0]);

  /** The restricted scans made for one array of rule bytes, indexed by key (null: not made yet). */
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
    int n0 = 0;
    for (int l : patLen) {
      n0 = Math.max(n0, l);
    }
    longest = n0;
    AutomatonScan.Tree tree = AutomatonScan.breadthFirst(this);
    // a found pattern has given each entry its candidate, or the entry can no longer accept it,
    // once its start reaches the entry's offset or depth
    int[] doneAt = new int[patLen.length];
    int[] lastStart = new int[patLen.length];
    for (int p = 0; p < doneAt.length; p++) {
      doneAt[p] = Integer.MIN_VALUE;
      lastStart[p] = -1;
      for (int e = entStart[p]; e < entStart[p + 1]; e++) {
        doneAt[p] = Math.max(doneAt[p], Math.min(entMinStart[e], entMaxStart[e]));
        lastStart[p] = Math.max(lastStart[p], entMaxStart[e]);
      }
    }
    literals =
        new LiteralScan(patterns(tree.parent(), tree.label(), tree.depth()), doneAt, lastStart);
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
   * rules {@code r} that {@link ScanKey#keeps} with their byte {@code ruleScopes[r]} and {@code
   * scope}, a {@link ScanKey} (every rule when it is 0): the scan looks only for the patterns of
   * such rules (the others' candidates would be skipped or rejected by their flow option), so a
   * packet whose payload the stream inspects again is scanned for the few patterns of the rules
   * that need the packet itself, and a packet sent to the client is not scanned for the patterns of
   * rules on packets sent to the server. Those rules get the same candidates as from the full scan.
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
    if (scope < 0 || scope >= ScanKey.KEYS) {
      return literals;
    }
    Restricted r = restricted;
    if (r == null || r.ruleScopes() != ruleScopes) {
      r = new Restricted(ruleScopes, new LiteralScan[ScanKey.KEYS]);
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

  /** The literal scan of the patterns having a rule {@code scope} keeps: the others left empty. */
  private LiteralScan restrict(byte[] ruleScopes, int scope) {
    int n = patLen.length;
    byte[][] pats = new byte[n][];
    int[] doneAt = new int[n];
    int[] lastStart = new int[n];
    int kept = PatternSelection.copy(this, ruleScopes, scope, pats, doneAt, lastStart, 0);
    if (kept == n) {
      return literals;
    }
    int wider = scope & ScanKey.INSPECTION;
    if (kept > 0
        && wider != scope
        && PatternSelection.nearly(kept, PatternSelection.count(this, ruleScopes, wider))) {
      return wider == 0 ? literals : restricted(ruleScopes, wider);
    }
    return kept == 0 ? NONE : new LiteralScan(pats, doneAt, lastStart);
  }

  /**
   * As {@link #scan(byte[], int, int, CandidateSet, byte[], int)} for the occurrences starting at
   * {@code from} or later ({@code 0 <= from <= len}), their start positions still counted from
   * {@code base}: what a scan of the whole buffer adds to the candidates of its first bytes once
   * the bytes before {@code from} were scanned (with {@code from} at most the longest pattern's
   * length minus one before their end, so that an occurrence running past them is found here);
   * {@code hits} (when not null) is told of every occurrence reported.
   */
  public void scanFrom(
      byte[] data,
      int base,
      int from,
      int len,
      CandidateSet out,
      byte[] ruleScopes,
      int scope,
      PatternHits hits) {
    LiteralScan s = scope == 0 ? literals : restricted(ruleScopes, scope);
    scanShifted(s, this, hits, data, base, from, len, out);
  }

  /**
   * As {@link #scanWith} for the occurrences starting at {@code from} or later, as {@link
   * #scanFrom} gives them; {@code hits} (when not null) is told of every occurrence reported, the
   * patterns of {@code other} numbered after this prefilter's, as {@link #reportHit} takes them.
   */
  public void scanWithFrom(
      Prefilter other,
      byte[] data,
      int base,
      int from,
      int len,
      CandidateSet out,
      byte[] ruleScopes,
      int scope,
      PatternHits hits) {
    int sc = scope < 0 || scope >= ScanKey.KEYS ? 0 : scope;
    Merged m = merged(other, ruleScopes, sc);
    LiteralScan s = m.byScope()[sc];
    scanShifted(s, m.report(), hits, data, base, from, len, out);
  }

  /**
   * Adds the candidates of pattern {@code p} found at {@code start}, as the scan that told a {@link
   * PatternHits} of it would have: a scan of this prefilter alone ({@code other} null) or of this
   * one with {@code other}. Its rules' offsets and depths are checked against {@code start}, so an
   * occurrence found in a scan of some bytes is reported for a buffer holding them further on by
   * adding their place in it.
   */
  public void reportHit(Prefilter other, int p, int start, CandidateSet out) {
    if (other == null || p < patLen.length) {
      reportStart(p, start, out);
    } else {
      other.reportStart(p - patLen.length, start, out);
    }
  }

  /**
   * A scan's report of the bytes from {@code shift} on, started there: each start position moved
   * back to the buffer's start before the rules' offsets and depths are checked. The literal scan
   * only ends a pattern's search (done, spent, past its last accepted start) at a position at least
   * some bound, and a shifted position is never more than the true one, so it reports every
   * occurrence a whole scan would have reported from there.
   */
  private record Shifted(PatternReport inner, int shift) implements PatternReport {
    static PatternReport of(PatternReport inner, int shift) {
      return shift == 0 ? inner : new Shifted(inner, shift);
    }

    @Override
    public void reportStart(int p, int start, CandidateSet out) {
      inner.reportStart(p, start + shift, out);
    }
  }

  /** The run-time scan of all patterns. */
  LiteralScan literals() {
    return literals;
  }

  /** The length of the longest pattern (0 when none): how far an occurrence may reach back. */
  public int longestPattern() {
    return longest;
  }

  /** The scans of this prefilter's patterns together with another's, by scope (made on use). */
  private volatile Merged merged;

  /**
   * The joint scans made with {@code other} for one array of rule bytes, indexed by key; {@code
   * report} sends this prefilter's patterns to it and the others (after {@code split}) to {@code
   * other}.
   */
  private record Merged(
      Prefilter other, byte[] ruleScopes, LiteralScan[] byScope, PatternReport report) {}

  /** Reports patterns {@code 0..split-1} to {@code first} and the others to {@code second}. */
  private record Pair(Prefilter first, Prefilter second, int split) implements PatternReport {
    @Override
    public void reportStart(int p, int start, CandidateSet out) {
      if (p < split) {
        first.reportStart(p, start, out);
      } else {
        second.reportStart(p - split, start, out);
      }
    }
  }

  /**
   * Scans {@code data} from {@code base + from} with {@code s}, occurrences reported to {@code
   * report} at positions counted from {@code base} (and to {@code hits} too, when not null).
   */
  private static void scanShifted(
      LiteralScan s,
      PatternReport report,
      PatternHits hits,
      byte[] data,
      int base,
      int from,
      int len,
      CandidateSet out) {
    if (s != NONE) {
      PatternReport r = hits == null ? report : hits.tapping(report);
      s.scan(data, base + from, len - from, from, Shifted.of(r, from), out);
    }
  }

  /**
   * Scans {@code data[base .. base+len)} once for the patterns of this prefilter and of {@code
   * other} (two groups an inspection selects, over the same buffer): the candidates are those of
   * both scans, restricted as {@link #scan(byte[], int, int, CandidateSet, byte[], int)} does. The
   * joint scan made for {@code other} is kept, so {@code other} is the same for every call (the
   * any-port group's prefilter of the buffer, this one a port group's).
   */
  public void scanWith(
      Prefilter other,
      byte[] data,
      int base,
      int len,
      CandidateSet out,
      byte[] ruleScopes,
      int scope) {
    if (scope < 0 || scope >= ScanKey.KEYS) {
      scope = 0;
    }
    Merged m = merged(other, ruleScopes, scope);
    LiteralScan s = m.byScope()[scope];
    if (s != NONE) {
      s.scan(data, base, len, m.report(), out);
    }
  }

  /** The joint scans with {@code other}, the one of key {@code scope} made. */
  private Merged merged(Prefilter other, byte[] ruleScopes, int scope) {
    Merged m = merged;
    if (m == null || m.other() != other || m.ruleScopes() != ruleScopes) {
      m =
          new Merged(
              other,
              ruleScopes,
              new LiteralScan[ScanKey.KEYS],
              new Pair(this, other, patLen.length));
      merged = m;
    }
    LiteralScan s = m.byScope()[scope];
    if (s == null) {
      // a race makes the same scan twice; its fields are final, so any copy read is complete
      int n = patLen.length + other.patLen.length;
      byte[][] pats = new byte[n][];
      int[] doneAt = new int[n];
      int[] lastStart = new int[n];
      int kept = PatternSelection.copy(this, ruleScopes, scope, pats, doneAt, lastStart, 0);
      kept +=
          PatternSelection.copy(other, ruleScopes, scope, pats, doneAt, lastStart, patLen.length);
      int wider = scope & ScanKey.INSPECTION;
      if (kept == n && scope != 0) {
        // every pattern kept: the unrestricted joint scan serves, not a copy of it
        s = merged(other, ruleScopes, 0).byScope()[0];
      } else if (kept > 0
          && wider != scope
          && PatternSelection.nearly(
              kept,
              PatternSelection.count(this, ruleScopes, wider)
                  + PatternSelection.count(other, ruleScopes, wider))) {
        s = merged(other, ruleScopes, wider).byScope()[wider];
      } else {
        s = kept == 0 ? NONE : new LiteralScan(pats, doneAt, lastStart);
      }
      m.byScope()[scope] = s;
    }
    return m;
  }

  /**
   * Adds the candidates of pattern {@code p} found at start position {@code start} (as {@link
   * #report} for the automaton).
   */
  @Override
  public void reportStart(int p, int start, CandidateSet out) {
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
