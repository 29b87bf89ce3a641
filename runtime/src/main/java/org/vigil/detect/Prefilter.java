package org.vigil.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The multi-pattern prefilter of one port group and buffer: an Aho-Corasick automaton over
 * ASCII-lower-cased fast patterns (a dense root row, sparse edges below, failure links, merged
 * outputs), in flat primitive arrays built by the compiler and stored in the artifact. A hit of
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
    final int[] root = this.root;
    final int[] edgeStart = this.edgeStart;
    final byte[] edgeLabel = this.edgeLabel;
    final int[] edgeTarget = this.edgeTarget;
    final int[] fail = this.fail;
    final int[] outStart = this.outStart;
    int s = 0;
    for (int i = 0; i < len; i++) {
      int c = data[base + i] & 0xff;
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      byte b = (byte) c;
      while (true) {
        if (s == 0) {
          s = root[c];
          break;
        }
        int e = edgeStart[s];
        int end = edgeStart[s + 1];
        while (e < end && edgeLabel[e] != b) {
          e++;
        }
        if (e < end) {
          s = edgeTarget[e];
          break;
        }
        s = fail[s];
      }
      int o = outStart[s];
      int oEnd = outStart[s + 1];
      if (o != oEnd) {
        report(i, o, oEnd, out);
      }
    }
  }

  private void report(int i, int o, int oEnd, CandidateSet out) {
    for (; o < oEnd; o++) {
      int p = outPat[o];
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
