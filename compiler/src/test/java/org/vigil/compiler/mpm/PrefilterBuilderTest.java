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
import org.vigil.detect.CandidateSet;
import org.vigil.detect.Prefilter;

class PrefilterBuilderTest {

  private static TreeSet<Integer> candidates(Prefilter p, byte[] data, int rules) {
    CandidateSet cs = new CandidateSet(rules);
    p.scan(data, 0, data.length, cs);
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
    b.add("she".getBytes(StandardCharsets.US_ASCII), 4, 5, Integer.MAX_VALUE); // offset 5: misses at 1
    b.add("ushers".getBytes(StandardCharsets.US_ASCII), 5, 0, 0); // must start at 0
    Prefilter p = b.build();
    assertEquals(new TreeSet<>(java.util.List.of(0, 1, 2, 5)), candidates(p, "UsHeRs".getBytes(StandardCharsets.US_ASCII), 6));
    assertEquals(new TreeSet<>(java.util.List.of(0, 1, 2)), candidates(p, "xushers".getBytes(StandardCharsets.US_ASCII), 6));
  }

  @Test
  void agreesWithNaiveSearchOnRandomInputsAndSurvivesSerialization() throws Exception {
    Random rnd = new Random(7);
    int rules = 300;
    byte[][] pats = new byte[rules][];
    int[] min = new int[rules];
    int[] max = new int[rules];
    PrefilterBuilder b = new PrefilterBuilder();
    for (int r = 0; r < rules; r++) {
      byte[] pat = new byte[1 + rnd.nextInt(30)];
      for (int i = 0; i < pat.length; i++) {
        pat[i] = (byte) "abcABC\u0000\u00ff"
            .charAt(rnd.nextInt(8));
      }
      pats[r] = pat;
      min[r] = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0;
      max[r] = rnd.nextInt(4) == 0 ? rnd.nextInt(60) : Integer.MAX_VALUE;
      b.add(pat, r, min[r], max[r]);
    }
    Prefilter built = b.build();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    built.write(new DataOutputStream(bos));
    Prefilter p = Prefilter.read(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
    for (int round = 0; round < 200; round++) {
      byte[] data = new byte[rnd.nextInt(200)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) "abcABC\u0000\u00ffx".charAt(rnd.nextInt(9));
      }
      TreeSet<Integer> expected = new TreeSet<>();
      for (int r = 0; r < rules; r++) {
        int n = Math.min(pats[r].length, PrefilterBuilder.MAX_PATTERN);
        for (int s = 0; s + n <= data.length; s++) {
          boolean eq = true;
          for (int j = 0; j < n && eq; j++) {
            eq = Character.toLowerCase((char) (data[s + j] & 0xff)) == Character.toLowerCase((char) (pats[r][j] & 0xff))
                || ((data[s + j] & 0xff) > 127 && data[s + j] == pats[r][j]);
          }
          if (eq && s >= min[r] && s <= max[r]) {
            expected.add(r);
          }
        }
      }
      assertEquals(expected, candidates(p, data, rules), "round " + round);
    }
  }
}
