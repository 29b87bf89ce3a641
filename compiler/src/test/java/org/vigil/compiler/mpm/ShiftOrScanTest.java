package org.vigil.compiler.mpm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.Prefilter;

/**
 * The literal scan's shift-or filter (eight buckets of keys up to eight bytes, a 12-bit domain of a
 * byte and the low half of the one before) gives exactly the candidates of the bit-set loop, of the
 * automaton and of a naive search: planted patterns, random data, thousands of patterns, every byte
 * value at every position, ASCII letters in either case and nothing else folded, runs of short
 * patterns, keys that differ only in the high half of a byte, and a buffer at an offset inside a
 * larger one.
 */
class ShiftOrScanTest {
  private static final String BITS_LOOP = "vigil.prefilter.bits-loop";

  /** Patterns with the start window each rule accepts. */
  private record Rules(
      byte[][] pats, int[] min, int[] max, Prefilter prefilter, Prefilter bitsLoop) {
    static Rules of(Random rnd, byte[][] pats, boolean windows) {
      int[] min = new int[pats.length];
      int[] max = new int[pats.length];
      for (int r = 0; r < pats.length; r++) {
        min[r] = windows && rnd.nextInt(4) == 0 ? rnd.nextInt(40) : 0;
        max[r] = windows && rnd.nextInt(4) == 0 ? rnd.nextInt(120) : Integer.MAX_VALUE;
      }
      Prefilter shiftOr = build(pats, min, max);
      System.setProperty(BITS_LOOP, "true");
      try {
        return new Rules(pats, min, max, shiftOr, build(pats, min, max));
      } finally {
        System.clearProperty(BITS_LOOP);
      }
    }

    private static Prefilter build(byte[][] pats, int[] min, int[] max) {
      PrefilterBuilder b = new PrefilterBuilder();
      for (int r = 0; r < pats.length; r++) {
        b.add(pats[r], r, min[r], max[r]);
      }
      return b.build();
    }

    /** The rules having an occurrence of their pattern (ASCII case folded) at an accepted start. */
    TreeSet<Integer> expected(byte[] data) {
      TreeSet<Integer> s = new TreeSet<>();
      for (int r = 0; r < pats.length; r++) {
        byte[] p = pats[r];
        for (int at = min[r]; at <= max[r] && at + p.length <= data.length; at++) {
          int j = 0;
          while (j < p.length && lower(data[at + j]) == lower(p[j])) {
            j++;
          }
          if (j == p.length) {
            s.add(r);
            break;
          }
        }
      }
      return s;
    }

    /** Every scan agrees with the naive search over {@code data}, also at an offset in a buffer. */
    void check(byte[] data, String what) {
      TreeSet<Integer> expected = expected(data);
      int rules = pats.length;
      byte[] inside = new byte[data.length + 9];
      Arrays.fill(inside, (byte) 'z');
      System.arraycopy(data, 0, inside, 5, data.length);
      CandidateSet cs = new CandidateSet(rules);
      prefilter.scan(data, 0, data.length, cs);
      assertEquals(expected, set(cs), what + ": shift-or filter");
      cs = new CandidateSet(rules);
      prefilter.scan(inside, 5, data.length, cs);
      assertEquals(expected, set(cs), what + ": shift-or filter at an offset");
      cs = new CandidateSet(rules);
      bitsLoop.scan(inside, 5, data.length, cs);
      assertEquals(expected, set(cs), what + ": bit-set loop");
      cs = new CandidateSet(rules);
      prefilter.scanAutomaton(data, 0, data.length, cs);
      assertEquals(expected, set(cs), what + ": automaton");
    }
  }

  private static int lower(byte b) {
    int c = b & 0xff;
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static TreeSet<Integer> set(CandidateSet cs) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
      s.add(r);
    }
    return s;
  }

  private static byte[][] ascii(String... pats) {
    byte[][] b = new byte[pats.length][];
    for (int i = 0; i < pats.length; i++) {
      b[i] = pats[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    return b;
  }

  /** As many patterns as a joint port-group scan has, random and planted, of every length. */
  @Test
  void thousandsOfPatternsOfEveryLength() {
    Random rnd = new Random(3);
    byte[][] many = new byte[3000][];
    for (int r = 0; r < many.length; r++) {
      many[r] = new byte[1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 3 : 14)];
      for (int j = 0; j < many[r].length; j++) {
        many[r][j] = (byte) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : rnd.nextInt(256));
      }
    }
    Rules all = Rules.of(rnd, many, true);
    byte[] data = new byte[300];
    for (int round = 0; round < 200; round++) {
      rnd.nextBytes(data);
      for (int k = 0; k < 3; k++) {
        byte[] p = many[rnd.nextInt(many.length)];
        System.arraycopy(p, 0, data, rnd.nextInt(data.length - p.length), p.length);
      }
      all.check(data, "round " + round);
    }
  }

  /**
   * Keys whose byte pairs differ only in the high half of the byte before (the domain keeps its low
   * half): each is found where it occurs and nowhere else.
   */
  @Test
  void keysDifferingInTheHighHalfOfTheByteBefore() {
    Random rnd = new Random(7);
    byte[][] pats = new byte[32][];
    for (int r = 0; r < pats.length; r++) {
      pats[r] = new byte[2 + rnd.nextInt(9)];
      for (int j = 0; j < pats[r].length; j++) {
        pats[r][j] = (byte) ((rnd.nextInt(16) << 4) | (j % 2 == 0 ? 0x1 : 0x2));
      }
    }
    Rules rules = Rules.of(rnd, pats, false);
    for (int round = 0; round < 300; round++) {
      byte[] data = new byte[40 + rnd.nextInt(60)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) ((rnd.nextInt(16) << 4) | (i % 2 == 0 ? 0x1 : 0x2));
      }
      byte[] p = pats[rnd.nextInt(pats.length)];
      System.arraycopy(p, 0, data, 2 * rnd.nextInt((data.length - p.length) / 2), p.length);
      rules.check(data, "round " + round);
    }
  }

  @Test
  void plantedPatternsInRandomBytesAreFoundAtEveryStart() {
    Random rnd = new Random(11);
    for (int set = 0; set < 20; set++) {
      byte[][] pats = new byte[1 + rnd.nextInt(60)][];
      for (int r = 0; r < pats.length; r++) {
        pats[r] = new byte[1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 24)];
        for (int j = 0; j < pats[r].length; j++) {
          pats[r][j] = (byte) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : rnd.nextInt(256));
        }
      }
      Rules rules = Rules.of(rnd, pats, true);
      for (int round = 0; round < 60; round++) {
        byte[] data = new byte[rnd.nextInt(260)];
        rnd.nextBytes(data);
        for (int k = rnd.nextInt(5); k > 0; k--) {
          byte[] p = pats[rnd.nextInt(pats.length)];
          if (p.length <= data.length) {
            int at = rnd.nextBoolean() ? rnd.nextInt(data.length - p.length + 1) : 0;
            at = rnd.nextInt(4) == 0 ? data.length - p.length : at;
            for (int j = 0; j < p.length; j++) {
              boolean letter = (p[j] | 0x20) >= 'a' && (p[j] | 0x20) <= 'z';
              data[at + j] = (byte) (letter && rnd.nextBoolean() ? p[j] ^ 0x20 : p[j]);
            }
          }
        }
        rules.check(data, "set " + set + " round " + round);
      }
    }
  }

  /**
   * Patterns of one, two and three bytes over all 256 values, each planted at every position of a
   * buffer longer than the eight lanes of the state, on a filler no pattern has.
   */
  @Test
  void everyByteValueAtEveryLane() {
    Random rnd = new Random(19);
    for (int len = 1; len <= 3; len++) {
      byte[][] pats = new byte[256][];
      for (int c = 0; c < 256; c++) {
        pats[c] = new byte[len];
        for (int j = 0; j < len; j++) {
          pats[c][j] = (byte) (c + 37 * j);
        }
      }
      for (int part = 0; part < 256; part += 64) {
        Rules rules = Rules.of(rnd, Arrays.copyOfRange(pats, part, part + 64), false);
        for (int c = part; c < part + 64; c++) {
          byte[] p = pats[c];
          for (int at = 0; at + p.length <= 140; at += 1 + rnd.nextInt(3)) {
            byte[] data = new byte[140];
            Arrays.fill(data, (byte) filler(rules.pats()));
            System.arraycopy(p, 0, data, at, p.length);
            rules.check(data, "length " + len + " value " + c + " at " + at);
          }
        }
      }
    }
  }

  /** A byte value no pattern starts with, ends with or has. */
  private static int filler(byte[][] pats) {
    boolean[] used = new boolean[256];
    for (byte[] p : pats) {
      for (byte b : p) {
        used[lower(b)] = true;
        used[b & 0xff] = true;
      }
    }
    for (int c = 0; c < 256; c++) {
      if (!used[c] && !(c >= 'A' && c <= 'Z' && used[c + 32])) {
        return c;
      }
    }
    throw new AssertionError("no filler byte");
  }

  /**
   * Letters match their other case; the bytes 0x20 apart that are no letters ({@code @ `}, {@code [
   * {}, {@code ] }}, bytes above 127) do not.
   */
  @Test
  void onlyLettersFoldTheirCase() {
    Random rnd = new Random(29);
    String alphabet = "abzAZ@`[{]}\u00c0\u00e0\u00ff\u00df01";
    for (int set = 0; set < 30; set++) {
      byte[][] pats = new byte[1 + rnd.nextInt(20)][];
      for (int r = 0; r < pats.length; r++) {
        pats[r] = new byte[1 + rnd.nextInt(8)];
        for (int j = 0; j < pats[r].length; j++) {
          pats[r][j] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
        }
      }
      Rules rules = Rules.of(rnd, pats, true);
      for (int round = 0; round < 40; round++) {
        byte[] data = new byte[rnd.nextInt(200)];
        for (int i = 0; i < data.length; i++) {
          data[i] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
        }
        for (int i = 0; i < data.length; i++) {
          data[i] ^= (byte) (rnd.nextInt(3) == 0 ? 0x20 : 0);
        }
        rules.check(data, "set " + set + " round " + round);
      }
    }
  }

  /**
   * Runs of short patterns (zeros, padding) with offsets and depths, and a pattern after them: the
   * one-byte bucket stops passing once its patterns are spent, the others still find theirs.
   */
  @Test
  void runsOfShortPatternsThenOthers() {
    Random rnd = new Random(31);
    List<byte[]> pats = new ArrayList<>();
    pats.add(new byte[] {0});
    pats.add(new byte[] {0, 0});
    pats.add(new byte[] {0, 0, 0});
    pats.add(new byte[] {'A'});
    pats.add(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    pats.add("tail".getBytes(StandardCharsets.US_ASCII));
    pats.add("GET /".getBytes(StandardCharsets.US_ASCII));
    byte[][] all = pats.toArray(new byte[0][]);
    for (int set = 0; set < 20; set++) {
      Rules rules = Rules.of(rnd, all, true);
      for (int round = 0; round < 40; round++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int target = rnd.nextInt(400);
        while (out.size() < target) {
          int run = rnd.nextInt(70);
          int b = new int[] {0, 0xff, 'a', 'A', 'x'}[rnd.nextInt(5)];
          for (int k = 0; k < run; k++) {
            out.write(b);
          }
          if (rnd.nextInt(3) == 0) {
            out.writeBytes(all[rnd.nextInt(all.length)]);
          }
        }
        rules.check(out.toByteArray(), "set " + set + " round " + round);
      }
    }
  }

  /**
   * Runs of one byte hundreds of bytes long (zero padding, fill) around patterns made of that byte
   * and ending in another, with offsets and depths: the blocks of a run whose window is spent are
   * passed over, and what follows a run is still found.
   */
  @Test
  void longRunsOfOneByte() {
    Random rnd = new Random(37);
    byte[][] all = {
      {0},
      {0, 0},
      {0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 0, 0, 2},
      {'a', 'a', 'a', 'a'},
      "aaaaaaab".getBytes(StandardCharsets.US_ASCII),
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0},
      "end".getBytes(StandardCharsets.US_ASCII),
    };
    for (int set = 0; set < 20; set++) {
      Rules rules = Rules.of(rnd, all, true);
      for (int round = 0; round < 30; round++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int target = rnd.nextInt(1500);
        while (out.size() < target) {
          int run = rnd.nextInt(rnd.nextBoolean() ? 20 : 600);
          int b = new int[] {0, 0xff, 'a', 'A', 1}[rnd.nextInt(5)];
          for (int k = 0; k < run; k++) {
            out.write(b);
          }
          if (rnd.nextInt(3) == 0) {
            out.writeBytes(all[rnd.nextInt(all.length)]);
          }
        }
        rules.check(out.toByteArray(), "set " + set + " round " + round);
      }
    }
  }

  /**
   * A window of a long pattern seen first after other bytes than the pattern's, where the filter
   * passes no long key but a short pattern ending in the same bytes is found and spent, then the
   * whole pattern: it is found (the window was not taken as spent).
   */
  @Test
  void windowSeenBeforeItsPattern() {
    Random rnd = new Random(41);
    byte[] filler = "zzzzzzzzz".getBytes(StandardCharsets.US_ASCII);
    for (int set = 0; set < 40; set++) {
      byte[] longOne = new byte[9 + rnd.nextInt(8)];
      for (int j = 0; j < longOne.length; j++) {
        longOne[j] = (byte) ('a' + rnd.nextInt(6));
      }
      for (int d = 0; d + 4 <= longOne.length; d++) {
        byte[][] pats = {
          longOne, Arrays.copyOfRange(longOne, d + 2, d + 4), new byte[] {longOne[d + 3]}
        };
        Rules rules = Rules.of(rnd, pats, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(filler);
        out.write('0' + rnd.nextInt(10));
        out.write(longOne, d, 4);
        out.writeBytes(filler);
        out.writeBytes(longOne);
        rules.check(out.toByteArray(), "set " + set + " window " + d);
      }
    }
  }
}
