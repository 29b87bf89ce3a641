package org.vigil.compiler.mpm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.Prefilter;

class PrefilterBuilderTest {

  /**
   * The candidates of the scan over {@code data}; the same scan over the data inside a larger
   * buffer (pattern bytes around it) and the automaton's scan must give the same.
   */
  private static TreeSet<Integer> candidates(Prefilter p, byte[] data, int rules) {
    CandidateSet cs = new CandidateSet(rules);
    p.scan(data, 0, data.length, cs);
    TreeSet<Integer> s = set(cs);
    byte[] inside = new byte[data.length + 8];
    java.util.Arrays.fill(inside, (byte) 'a');
    System.arraycopy(data, 0, inside, 4, data.length);
    CandidateSet shifted = new CandidateSet(rules);
    p.scan(inside, 4, data.length, shifted);
    assertEquals(s, set(shifted), "scan inside a larger buffer");
    CandidateSet automaton = new CandidateSet(rules);
    p.scanAutomaton(data, 0, data.length, automaton);
    assertEquals(s, set(automaton), "the automaton's scan");
    return s;
  }

  private static TreeSet<Integer> set(CandidateSet cs) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
      s.add(r);
    }
    return s;
  }

  @Test
  void findsOverlappingPatternsCaseInsensitivelyWithOffsetAndDepth() {
    PrefilterBuilder b = new PrefilterBuilder();
    b.add("he".getBytes(StandardCharsets.US_ASCII), 0, 0, Integer.MAX_VALUE);
    b.add("SHE".getBytes(StandardCharsets.US_ASCII), 1, 0, Integer.MAX_VALUE);
    b.add("hers".getBytes(StandardCharsets.US_ASCII), 2, 0, Integer.MAX_VALUE);
    b.add("his".getBytes(StandardCharsets.US_ASCII), 3, 0, Integer.MAX_VALUE);
    b.add(
        "she".getBytes(StandardCharsets.US_ASCII),
        4,
        5,
        Integer.MAX_VALUE); // offset 5: misses at 1
    b.add("ushers".getBytes(StandardCharsets.US_ASCII), 5, 0, 0); // must start at 0
    Prefilter p = b.build();
    // rows hold one entry per byte the patterns use (e h i r s u, upper case folded) and one for
    // all others
    assertEquals(7, p.byteClasses());
    assertEquals(
        new TreeSet<>(java.util.List.of(0, 1, 2, 5)),
        candidates(p, "UsHeRs".getBytes(StandardCharsets.US_ASCII), 6));
    assertEquals(
        new TreeSet<>(java.util.List.of(0, 1, 2)),
        candidates(p, "xushers".getBytes(StandardCharsets.US_ASCII), 6));
  }

  @Test
  void agreesWithNaiveSearchOnRandomInputsAndSurvivesSerialization() throws Exception {
    Random rnd = new Random(7);
    agreesWithNaiveSearch(
        rnd, randomPatterns(rnd, 300, 30, "abcABC\u0000\u00ff"), "abcABC\u0000\u00ffx");
  }

  /**
   * A wide alphabet and thousands of patterns: more busy states than dense rows, and sparse states
   * whose failure chains carry more edges than one scan record takes in (the chain is then cut).
   */
  @Test
  void agreesWithNaiveSearchWhenDenseRowsRunOutAndFailureChainsAreLong() throws Exception {
    Random rnd = new Random(11);
    String wide = "abcdefghijklmnopqrstuvwxyzABCDEF0123";
    agreesWithNaiveSearch(rnd, randomPatterns(rnd, 4000, 12, wide), wide);
    // 676 two-letter states with 20 edges each (more than the dense rows), and three-letter states
    // failing to them: their records cannot take in the 20 edges, the chain is cut there
    String az = "abcdefghijklmnopqrstuvwxyz";
    java.util.List<byte[]> pats = new java.util.ArrayList<>();
    for (char p = 'a'; p <= 'z'; p++) {
      for (char q = 'a'; q <= 'z'; q++) {
        for (char r = 'a'; r < 'a' + 20; r++) {
          pats.add(new byte[] {(byte) p, (byte) q, (byte) r});
        }
        pats.add(new byte[] {'z', (byte) p, (byte) q, 'y', 'z'});
      }
    }
    agreesWithNaiveSearch(rnd, pats.toArray(new byte[0][]), az);
  }

  /**
   * Many rules sharing a few short patterns, each with its own offset and depth (near the buffer's
   * start or not), over data of few bytes with runs of one byte: each rule is a candidate exactly
   * when its pattern occurs inside its window, however often the pattern repeats before or after.
   */
  @Test
  void rulesSharingPatternsGetTheirOwnWindowsOverRunsOfOneByte() throws Exception {
    Random rnd = new Random(13);
    byte[][] pool = randomPatterns(rnd, 16, 6, "ab\u0000");
    byte[][] pats = new byte[400][];
    for (int r = 0; r < pats.length; r++) {
      pats[r] = pool[rnd.nextInt(pool.length)];
    }
    agreesWithNaiveSearch(rnd, pats, "aaab\u0000\u0000\u0000");
  }

  private static byte[][] randomPatterns(Random rnd, int rules, int maxLen, String alphabet) {
    byte[][] pats = new byte[rules][];
    for (int r = 0; r < rules; r++) {
      pats[r] = new byte[1 + rnd.nextInt(maxLen)];
      for (int i = 0; i < pats[r].length; i++) {
        pats[r][i] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
      }
    }
    return pats;
  }

  /**
   * Long patterns (the strided scan's, anchored on several windows each) planted in the data whole,
   * cut short, with a byte changed or in other case, overlapping and in runs, among filler of their
   * own bytes: every occurrence found at every offset and depth, none made up.
   */
  @Test
  void plantedLongPatternsAreFoundWhereverTheyStart() throws Exception {
    Random rnd = new Random(17);
    String alphabet = "abcdeABCDE\u0000\u00ff";
    java.util.List<byte[]> pats = new java.util.ArrayList<>();
    for (byte[] p : randomPatterns(rnd, 600, 24, alphabet)) {
      pats.add(p.length >= 4 ? p : java.util.Arrays.copyOf(p, 4 + rnd.nextInt(20)));
    }
    for (int len = 4; len <= 30; len += 3) {
      byte[] run = new byte[len];
      java.util.Arrays.fill(run, (byte) (len % 2 == 0 ? 0 : 'a'));
      pats.add(run);
    }
    pats.add("aaaabaaaabaaaabaaaab".getBytes(StandardCharsets.US_ASCII));
    byte[][] all = pats.toArray(new byte[0][]);
    agreesWithNaiveSearch(
        rnd,
        all,
        r -> {
          java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
          int target = r.nextInt(400);
          while (data.size() < target) {
            byte[] p = all[r.nextInt(all.length)].clone();
            switch (r.nextInt(6)) {
              case 0 -> p = java.util.Arrays.copyOf(p, Math.max(0, p.length - 1 - r.nextInt(3)));
              case 1 -> p[r.nextInt(p.length)] ^= 1;
              case 2 -> {
                for (int i = 0; i < p.length; i++) {
                  p[i] = (byte) Character.toUpperCase((char) (p[i] & 0xff));
                }
              }
              case 3 -> p = java.util.Arrays.copyOfRange(p, r.nextInt(p.length), p.length);
              default -> {}
            }
            data.writeBytes(p);
            for (int k = r.nextInt(3); k > 0; k--) {
              data.write(alphabet.charAt(r.nextInt(alphabet.length())));
            }
          }
          return data.toByteArray();
        });
  }

  /**
   * Every byte value in patterns and data, at every position of an eight-byte word: only ASCII
   * letters match their other case ({@code À} is not {@code à}, {@code @} is not {@code `}).
   */
  @Test
  void onlyAsciiLettersMatchTheirOtherCaseAtEveryBytePosition() {
    Random rnd = new Random(23);
    byte[] pool = new byte[4096];
    rnd.nextBytes(pool);
    int rules = 300;
    byte[][] pats = new byte[rules][];
    PrefilterBuilder b = new PrefilterBuilder();
    for (int r = 0; r < rules; r++) {
      int n = 1 + rnd.nextInt(12);
      int from = rnd.nextInt(pool.length - n);
      pats[r] = java.util.Arrays.copyOfRange(pool, from, from + n);
      b.add(pats[r], r, 0, Integer.MAX_VALUE);
    }
    Prefilter p = b.build();
    for (int round = 0; round < 300; round++) {
      byte[] data = new byte[rnd.nextInt(120)];
      rnd.nextBytes(data);
      for (int k = rnd.nextInt(4); k > 0 && data.length > 12; k--) {
        byte[] pat = pats[rnd.nextInt(rules)];
        int at = rnd.nextInt(data.length - pat.length);
        for (int j = 0; j < pat.length; j++) {
          int c = pat[j] & 0xff;
          boolean flip = rnd.nextBoolean() && (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
          data[at + j] = (byte) (flip ? c ^ 0x20 : c);
        }
      }
      TreeSet<Integer> expected = new TreeSet<>();
      for (int r = 0; r < rules; r++) {
        for (int s0 = 0; s0 + pats[r].length <= data.length && !expected.contains(r); s0++) {
          boolean eq = true;
          for (int j = 0; j < pats[r].length && eq; j++) {
            eq = asciiLower(data[s0 + j]) == asciiLower(pats[r][j]);
          }
          if (eq) {
            expected.add(r);
          }
        }
      }
      assertEquals(expected, candidates(p, data, rules), "round " + round);
    }
  }

  private static int asciiLower(byte b) {
    int c = b & 0xff;
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static void agreesWithNaiveSearch(Random rnd, byte[][] pats, String dataAlphabet)
      throws Exception {
    agreesWithNaiveSearch(
        rnd,
        pats,
        r -> {
          byte[] data = new byte[r.nextInt(200)];
          for (int i = 0; i < data.length; i++) {
            data[i] = (byte) dataAlphabet.charAt(r.nextInt(dataAlphabet.length()));
          }
          return data;
        });
  }

  private static void agreesWithNaiveSearch(
      Random rnd, byte[][] pats, java.util.function.Function<Random, byte[]> dataOf)
      throws Exception {
    int rules = pats.length;
    int[] min = new int[rules];
    int[] max = new int[rules];
    PrefilterBuilder b = new PrefilterBuilder();
    for (int r = 0; r < rules; r++) {
      byte[] pat = pats[r];
      min[r] = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0;
      max[r] = rnd.nextInt(4) == 0 ? rnd.nextInt(60) : Integer.MAX_VALUE;
      b.add(pat, r, min[r], max[r]);
    }
    Prefilter built = b.build();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    built.write(new DataOutputStream(bos));
    Prefilter p = Prefilter.read(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
    byte[] ruleScopes = new byte[rules];
    for (int r = 0; r < rules; r++) {
      ruleScopes[r] = (byte) new int[] {1, 2, 3, 8, 9}[rnd.nextInt(5)];
    }
    for (int round = 0; round < 200; round++) {
      byte[] data = dataOf.apply(rnd);
      TreeSet<Integer> expected = new TreeSet<>();
      for (int r = 0; r < rules; r++) {
        int n = Math.min(pats[r].length, PrefilterBuilder.MAX_PATTERN);
        for (int s = 0; s + n <= data.length; s++) {
          boolean eq = true;
          for (int j = 0; j < n && eq; j++) {
            eq =
                Character.toLowerCase((char) (data[s + j] & 0xff))
                        == Character.toLowerCase((char) (pats[r][j] & 0xff))
                    || ((data[s + j] & 0xff) > 127 && data[s + j] == pats[r][j]);
          }
          if (eq && s >= min[r] && s <= max[r]) {
            expected.add(r);
          }
        }
      }
      assertEquals(expected, candidates(p, data, rules), "round " + round);
      // a scan from a later byte: the rules of the occurrences starting there or after, each at
      // its own start (offsets and depths counted from the buffer's start)
      int from = data.length == 0 ? 0 : rnd.nextInt(data.length + 1);
      TreeSet<Integer> after = new TreeSet<>();
      for (int r = 0; r < rules; r++) {
        int n = Math.min(pats[r].length, PrefilterBuilder.MAX_PATTERN);
        for (int s = Math.max(from, min[r]); s + n <= data.length && s <= max[r]; s++) {
          if (occursAt(pats[r], n, data, s)) {
            after.add(r);
            break;
          }
        }
      }
      int scopeFrom = new int[] {0, 1, 2, 8}[rnd.nextInt(4)];
      CandidateSet fromScan = new CandidateSet(rules);
      p.scanFrom(data, 0, from, data.length, fromScan, ruleScopes, scopeFrom, null);
      TreeSet<Integer> gotFrom = new TreeSet<>();
      for (int r : set(fromScan)) {
        if (scopeFrom == 0 || (ruleScopes[r] & scopeFrom) != 0) {
          gotFrom.add(r);
        }
      }
      after.removeIf(r -> scopeFrom != 0 && (ruleScopes[r] & scopeFrom) == 0);
      assertEquals(after, gotFrom, "round " + round + ": scan from " + from);
      for (int scope : new int[] {1, 2, 3, 8}) {
        TreeSet<Integer> kept = new TreeSet<>();
        for (int r : expected) {
          if ((ruleScopes[r] & scope) != 0) {
            kept.add(r);
          }
        }
        assertEquals(kept, restricted(p, data, rules, ruleScopes, scope), "scope " + scope);
      }
    }
  }

  private static boolean occursAt(byte[] pat, int n, byte[] data, int s) {
    for (int j = 0; j < n; j++) {
      boolean eq =
          Character.toLowerCase((char) (data[s + j] & 0xff))
                  == Character.toLowerCase((char) (pat[j] & 0xff))
              || ((data[s + j] & 0xff) > 127 && data[s + j] == pat[j]);
      if (!eq) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rules of {@code scope} among the candidates of the scan restricted to that scope (the
   * others it may or may not report are skipped by the detector).
   */
  private static TreeSet<Integer> restricted(
      Prefilter p, byte[] data, int rules, byte[] ruleScopes, int scope) {
    CandidateSet cs = new CandidateSet(rules);
    p.scan(data, 0, data.length, cs, ruleScopes, scope);
    TreeSet<Integer> s = new TreeSet<>();
    for (int r : set(cs)) {
      if ((ruleScopes[r] & scope) != 0) {
        s.add(r);
      }
    }
    return s;
  }

  /**
   * Two groups' prefilters scanned at once (a port group's with its any-port group's) give the
   * candidates of both scans, for all rules and for the rules of one scope.
   */
  @Test
  void jointScanOfTwoPrefiltersGivesBothCandidates() {
    Random rnd = new Random(5);
    String alphabet = "abcdAB\u0000\u00ff";
    byte[][] pats = randomPatterns(rnd, 400, 10, alphabet);
    int rules = pats.length;
    byte[] ruleScopes = new byte[rules];
    PrefilterBuilder port = new PrefilterBuilder();
    PrefilterBuilder any = new PrefilterBuilder();
    for (int r = 0; r < rules; r++) {
      ruleScopes[r] = (byte) new int[] {1, 2, 3, 8}[rnd.nextInt(4)];
      int min = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0;
      int max = rnd.nextInt(4) == 0 ? rnd.nextInt(60) : Integer.MAX_VALUE;
      (r % 3 == 0 ? port : any).add(pats[r], r, min, max);
    }
    Prefilter p = port.build();
    Prefilter a = any.build();
    for (int round = 0; round < 200; round++) {
      byte[] data = new byte[rnd.nextInt(300)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
      }
      for (int scope : new int[] {0, 1, 2, 8}) {
        TreeSet<Integer> expected = new TreeSet<>();
        CandidateSet separate = new CandidateSet(rules);
        p.scan(data, 0, data.length, separate, ruleScopes, scope);
        a.scan(data, 0, data.length, separate, ruleScopes, scope);
        CandidateSet joint = new CandidateSet(rules);
        p.scanWith(a, data, 0, data.length, joint, ruleScopes, scope);
        TreeSet<Integer> got = new TreeSet<>();
        for (int r : set(separate)) {
          if (scope == 0 || (ruleScopes[r] & scope) != 0) {
            expected.add(r);
          }
        }
        for (int r : set(joint)) {
          if (scope == 0 || (ruleScopes[r] & scope) != 0) {
            got.add(r);
          }
        }
        assertEquals(expected, got, "round " + round + " scope " + scope);
        // the joint scan of a buffer's first bytes, then of the rest from the longest pattern's
        // reach before their end, gives the joint scan's candidates of the whole buffer
        int cut = data.length == 0 ? 0 : rnd.nextInt(data.length + 1);
        int reach = Math.max(p.longestPattern(), a.longestPattern()) - 1;
        CandidateSet twoParts = new CandidateSet(rules);
        p.scanWith(a, data, 0, cut, twoParts, ruleScopes, scope);
        p.scanWithFrom(
            a, data, 0, Math.max(0, cut - reach), data.length, twoParts, ruleScopes, scope, null);
        TreeSet<Integer> gotParts = new TreeSet<>();
        for (int r : set(twoParts)) {
          if (scope == 0 || (ruleScopes[r] & scope) != 0) {
            gotParts.add(r);
          }
        }
        assertEquals(expected, gotParts, "round " + round + " scope " + scope + " cut " + cut);
        if (scope == 0) {
          TreeSet<Integer> both = candidates(p, data, rules);
          both.addAll(candidates(a, data, rules));
          assertEquals(both, got, "round " + round + ": the automaton's candidates");
        }
      }
    }
  }

  /**
   * Runs of a short pattern: its rules are candidates wherever their offset and depth accept it,
   * not only at its first occurrences (the scan stops confirming a run only once nothing more can
   * be added), and a restricted scan finds the rules of its scope alone.
   */
  @Test
  void runsOfAShortPatternReachTheirDepthAndOffset() {
    PrefilterBuilder b = new PrefilterBuilder();
    b.add(new byte[] {0, 0}, 0, 0, Integer.MAX_VALUE);
    b.add(new byte[] {0, 0}, 1, 150, 160);
    b.add(new byte[] {0, 0, 0, 0, 0}, 2, 0, 3);
    b.add(new byte[] {0, 0, 0, 0, 0}, 3, 190, 190);
    b.add("aaa".getBytes(StandardCharsets.US_ASCII), 4, 10, 20);
    b.add("aaaab".getBytes(StandardCharsets.US_ASCII), 5, 0, Integer.MAX_VALUE);
    Prefilter p = b.build();
    byte[] zeros = new byte[200];
    assertEquals(new TreeSet<>(java.util.List.of(0, 1, 2, 3)), candidates(p, zeros, 6));
    byte[] late = new byte[194];
    assertEquals(new TreeSet<>(java.util.List.of(0, 1, 2)), candidates(p, late, 6));
    byte[] as = new byte[300];
    java.util.Arrays.fill(as, (byte) 'A');
    as[299] = 'b';
    assertEquals(new TreeSet<>(java.util.List.of(4, 5)), candidates(p, as, 6));
    byte[] scopes = {1, 2, 1, 2, 1, 2};
    assertEquals(new TreeSet<>(java.util.List.of(1, 3)), restricted(p, zeros, 6, scopes, 2));
    assertEquals(new TreeSet<>(java.util.List.of(4)), restricted(p, as, 6, scopes, 1));
    assertEquals(new TreeSet<>(java.util.List.of(5)), restricted(p, as, 6, scopes, 2));
    byte[] none = {4, 4, 4, 4, 4, 4};
    assertEquals(new TreeSet<>(), restricted(p, zeros, 6, none, 2));
  }
}
