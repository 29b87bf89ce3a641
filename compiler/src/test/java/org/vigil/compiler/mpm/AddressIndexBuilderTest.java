package org.vigil.compiler.mpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.detect.api.AddressSet;
import org.vigil.detect.artifact.AddressIndex;
import org.vigil.detect.artifact.CandidateSet;

class AddressIndexBuilderTest {

  private static TreeSet<Integer> lookup(AddressIndex idx, byte[] ip, int version, int rules) {
    CandidateSet cs = new CandidateSet(rules);
    idx.candidates(ip, version, cs);
    TreeSet<Integer> s = new TreeSet<>();
    for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
      s.add(r);
    }
    return s;
  }

  private static byte[] v4(long a) {
    return new byte[] {
      (byte) (a >>> 24),
      (byte) (a >>> 16),
      (byte) (a >>> 8),
      (byte) a,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0
    };
  }

  @Test
  void candidatesAreExactlyTheRulesWhoseSetHoldsTheAddressAfterSerialization() throws Exception {
    Random rnd = new Random(11);
    int rules = 200;
    AddressIndexBuilder b = new AddressIndexBuilder();
    List<AddressSet> sets = new ArrayList<>();
    List<Long> probes = new ArrayList<>(List.of(0L, 0xffffffffL, 0x7fffffffL, 0x80000000L));
    for (int r = 0; r < rules; r++) {
      TreeSet<Long> pts = new TreeSet<>();
      int n = 1 + rnd.nextInt(6);
      while (pts.size() < 2 * n) {
        // clustered addresses so intervals overlap across rules, both halves of the space
        pts.add((rnd.nextBoolean() ? 0x0a000000L : 0xc0a80000L) + rnd.nextInt(4096));
      }
      if (r % 50 == 0) {
        pts.add(0L);
        pts.add(0xffffffffL);
      }
      long[] iv = pts.stream().mapToLong(Long::longValue).limit(pts.size() & ~1).toArray();
      for (long x : iv) {
        probes.add(x);
        probes.add(x == 0 ? 0 : x - 1);
        probes.add(Math.min(0xffffffffL, x + 1));
      }
      AddressSet set = new AddressSet(iv, r % 7 == 0 ? new long[] {0, 0, -1L, -1L} : new long[0]);
      sets.add(set);
      b.add(r, set);
    }
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    b.build().write(new DataOutputStream(bos));
    List<Integer> leftOut = b.leftOut();
    assertTrue(leftOut.size() < rules / 10, "most rules are indexed: " + leftOut);
    for (int r : leftOut) {
      // spanning more than MAX_SPAN elementary intervals needs more than MAX_SPAN addresses
      assertTrue(
          SignatureGroups.coverage(sets.get(r)) > AddressIndexBuilder.MAX_SPAN,
          "rule " + r + " is wide");
    }
    AddressIndex idx =
        AddressIndex.read(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
    for (long a : probes) {
      TreeSet<Integer> expected = new TreeSet<>();
      for (int r = 0; r < rules; r++) {
        if (sets.get(r).contains(v4(a), 4) && !leftOut.contains(r)) {
          expected.add(r);
        }
      }
      assertEquals(expected, lookup(idx, v4(a), 4, rules), "address " + Long.toHexString(a));
    }
    TreeSet<Integer> v6 = new TreeSet<>();
    for (int r = 0; r < rules; r += 7) {
      if (!leftOut.contains(r)) {
        v6.add(r);
      }
    }
    assertEquals(v6, lookup(idx, new byte[16], 6, rules), "IPv6: the rules with IPv6 addresses");
    assertTrue(lookup(idx, v4(1), 0, rules).isEmpty(), "no IP header: no candidate");
  }

  @Test
  void aRuleCutIntoTooManyIntervalsIsLeftOutForTheCallerToKeepAlwaysCandidate() {
    AddressIndexBuilder b = new AddressIndexBuilder();
    int narrow = AddressIndexBuilder.MAX_SPAN + 10;
    for (int r = 0; r < narrow; r++) {
      long a = 0x0a000000L + 2L * r;
      b.add(r, new AddressSet(new long[] {a, a}, new long[0]));
    }
    b.add(
        narrow, new AddressSet(new long[] {0x0a000000L, 0x0affffffL}, new long[] {0, 0, -1L, -1L}));
    AddressIndex idx = b.build();
    assertEquals(List.of(narrow), b.leftOut());
    assertEquals(new TreeSet<>(List.of(4)), lookup(idx, v4(0x0a000008L), 4, narrow + 1));
    assertTrue(
        lookup(idx, new byte[16], 6, narrow + 1).isEmpty(),
        "the left-out rule is not in the IPv6 list either");
  }

  @Test
  void emptyIndexGivesNothing() {
    AddressIndex idx = new AddressIndexBuilder().build();
    assertTrue(idx.isEmpty());
    assertTrue(lookup(idx, v4(0x01020304L), 4, 8).isEmpty());
  }
}
