package org.vigil.detect.artifact;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The header prefilter of a port group's rules without a fast pattern: rules keyed by one side's
 * address set (source or destination, fixed per index) or by their destination ports, so an
 * inspection gets as candidates only the rules whose set holds its address (as Suricata's IP-only
 * engine does with its radix trees) or port. IPv4: the address space cut into elementary intervals
 * at every set boundary, each interval with the rules whose set covers it (one binary search per
 * lookup). IPv6: the rules whose set holds any IPv6 address are all candidates (the rule code
 * checks the address).
 */
public final class AddressIndex {
  /**
   * Starts of the elementary IPv4 intervals, sign-flipped ({@code addr ^ 0x80000000}) for signed
   * compares, ascending; the first is the lowest address.
   */
  final int[] v4Start;

  /** Rules of interval k: {@code v4Rules[v4List[k] .. v4List[k+1])}. */
  final int[] v4List;

  final int[] v4Rules;
  final int[] v6Rules;

  /** Wraps tables built by the compiler (see the field docs). */
  public AddressIndex(int[] v4Start, int[] v4List, int[] v4Rules, int[] v6Rules) {
    if (v4List.length != v4Start.length + 1) {
      throw new IllegalArgumentException("one rule list per interval expected");
    }
    this.v4Start = v4Start;
    this.v4List = v4List;
    this.v4Rules = v4Rules;
    this.v6Rules = v6Rules;
  }

  /** An index holding no rule. */
  public static AddressIndex empty() {
    return new AddressIndex(new int[0], new int[] {0}, new int[0], new int[0]);
  }

  /** True when no rule is indexed. */
  public boolean isEmpty() {
    return v4Rules.length == 0 && v6Rules.length == 0;
  }

  /** The distinct rules indexed (for inspection tools), ascending. */
  public int[] rules() {
    java.util.BitSet s = new java.util.BitSet();
    for (int r : v4Rules) {
      s.set(r);
    }
    for (int r : v6Rules) {
      s.set(r);
    }
    return s.stream().toArray();
  }

  /** Number of elementary IPv4 intervals. */
  public int intervalCount() {
    return v4Start.length;
  }

  /**
   * Adds the rules whose set may hold address {@code ip} (4 or 16 bytes used per {@code version})
   * to {@code out}.
   */
  public void candidates(byte[] ip, int version, CandidateSet out) {
    if (version == 4) {
      candidates(
          ((ip[0] & 0xff) << 24) | ((ip[1] & 0xff) << 16) | ((ip[2] & 0xff) << 8) | (ip[3] & 0xff),
          out);
    } else if (version == 6) {
      out.addAll(v6Rules);
    }
  }

  /**
   * Adds the rules whose intervals hold the unsigned 32-bit key {@code key} (an IPv4 address, or a
   * port for an index built over port ranges) to {@code out}.
   */
  public void candidates(int key, CandidateSet out) {
    int[] starts = v4Start;
    if (starts.length == 0) {
      return;
    }
    int a = key ^ 0x80000000;
    // last interval whose start <= a
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= a) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (starts[lo] > a) {
      return;
    }
    int[] rules = v4Rules;
    for (int e = v4List[lo], end = v4List[lo + 1]; e < end; e++) {
      out.add(rules[e]);
    }
  }

  /** Writes the tables. */
  public void write(DataOutputStream out) throws IOException {
    TableIO.writeInts(out, v4Start);
    TableIO.writeInts(out, v4List);
    TableIO.writeInts(out, v4Rules);
    TableIO.writeInts(out, v6Rules);
  }

  /** Reads tables written by {@link #write}; a malformed table is an {@link IOException}. */
  public static AddressIndex read(DataInputStream in) throws IOException {
    int[] starts = TableIO.readInts(in);
    int[] list = TableIO.readInts(in);
    int[] rules = TableIO.readInts(in);
    int[] v6 = TableIO.readInts(in);
    if (list.length != starts.length + 1 || list[list.length - 1] != rules.length) {
      throw new IOException("corrupt artifact: address index tables disagree");
    }
    return new AddressIndex(starts, list, rules, v6);
  }
}
