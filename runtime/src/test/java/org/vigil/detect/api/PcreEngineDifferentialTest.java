package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.acquire.CaptureReader;
import org.vigil.compiler.analysis.PcreTranslator;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.Rule;
import org.vigil.decode.PathStats;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.engine.PathConfig;

/**
 * Differential test of the pcre engines: for every pcre of the ET Open (2017 and 2024) and Snort
 * community rule sets, the program chosen at link time (RE2/J or budgeted backtracking) gives the
 * same result as the unbounded java.util.regex search ({@link org.vigil.testing.JavaRegexSearch})
 * on TCP/UDP payloads of the Zeek captures (random ones and ones holding the rule's contents) and
 * on subjects built from the rule's own contents, for a first search, a retry further on and a
 * relative (offset) subject. A backtracking search stopped by its budget must be one the old engine
 * also ends without a match (PCRE2 with Suricata's default match limit stops those too); it never
 * turns a match into none or makes a negated pcre pass.
 */
class PcreEngineDifferentialTest {
  private static final int POOL = 6000;
  private static final int PER_FILE = 24;
  private static List<byte[]> pool;
  private static Map<Integer, List<Integer>> grams;
  private static Path corpus;

  @BeforeAll
  static void payloads() throws IOException {
    corpus = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
    Assumptions.assumeTrue(
        Files.isDirectory(corpus.resolve("pcaps/zeek")),
        "corpus not found at " + corpus.toAbsolutePath());
    Set<String> seen = new HashSet<>();
    pool = new ArrayList<>();
    for (Path f : CaptureReader.captures(corpus.resolve("pcaps/zeek"))) {
      if (pool.size() >= POOL) {
        break;
      }
      int[] taken = {0};
      var pipe =
          new org.vigil.engine.DecodePipeline(
              PathConfig.defaults(),
              FragPolicyResolver.suricataDefault(),
              new PathStats(),
              p -> {
                int n = p.payloadLength();
                if (n > 0
                    && taken[0] < PER_FILE
                    && pool.size() < POOL
                    && (p.isTcp() || p.isUdp())) {
                  byte[] b = Arrays.copyOfRange(p.data(), p.payloadOffset(), p.payloadOffset() + n);
                  if (seen.add(new String(b, StandardCharsets.ISO_8859_1))) {
                    pool.add(b);
                    taken[0]++;
                  }
                }
              },
              (fl, r) -> {});
      pipe.runCapture(f);
    }
    grams = new HashMap<>();
    for (int id = 0; id < pool.size(); id++) {
      byte[] b = pool.get(id);
      Set<Integer> mine = new HashSet<>();
      for (int i = 0; i + 4 <= b.length; i++) {
        int g = gram(b, i);
        if (mine.add(g)) {
          List<Integer> l = grams.computeIfAbsent(g, k -> new ArrayList<>());
          if (l.size() < 64) {
            l.add(id);
          }
        }
      }
    }
  }

  private static int gram(byte[] b, int i) {
    int g = 0;
    for (int k = 0; k < 4; k++) {
      g = (g << 8) | Character.toLowerCase((char) (b[i + k] & 0xff));
    }
    return g;
  }

  /** Counts of one rule set's run. */
  private static final class Counts {
    int occurrences;
    final Set<String> total = new HashSet<>();
    final Set<String> re2 = new HashSet<>();
    final Set<String> backtrack = new HashSet<>();
    final Set<String> untranslatable = new HashSet<>();
    long searches;
    long matches;
    long legacyFailed;
    long budgetHits;

    /**
     * Budget hits where the old engine also found no match, after more work than PCRE2's default
     * limit allows.
     */
    final List<String> budgetNoMatch = new ArrayList<>();

    final List<String> mismatches = new ArrayList<>();

    @Override
    public String toString() {
      return "pcre options "
          + occurrences
          + ", distinct patterns "
          + total.size()
          + ": RE2/J "
          + re2.size()
          + ", budgeted backtracking "
          + backtrack.size()
          + "; untranslatable (rule skipped) "
          + untranslatable.size()
          + "; searches "
          + searches
          + " ("
          + matches
          + " matched), old engine failed "
          + legacyFailed
          + ", budget hits "
          + budgetHits
          + ", mismatches "
          + mismatches.size();
    }
  }

  @Test
  void etOpen2017() throws IOException {
    check("rules/et-open");
  }

  @Test
  void etOpen2024() throws IOException {
    check("rules/et-open-2024");
  }

  @Test
  void community() throws IOException {
    check("rules/snort-community");
  }

  private void check(String dir) throws IOException {
    ParseResult pr = FrontEnd.parse(List.of(corpus.resolve(dir)), Variables.defaults());
    Counts c = new Counts();
    // rules whose pcre the translator refuses are reported (and skipped) by the front end
    for (var d : pr.errors()) {
      if (d.message().contains("pcre construct")
          || d.message().contains("pcre cannot be translated")
          || d.message().contains("pcre too deeply nested")) {
        c.untranslatable.add(d.pos() + " " + d.message());
      }
    }
    Random rnd = new Random(7);
    Map<String, PcreProgram> programs = new LinkedHashMap<>();
    RuleGuard guard = RuleGuard.defaults();
    for (Rule r : pr.rules()) {
      for (Pcre p : r.all(Pcre.class)) {
        c.occurrences++;
        String key = p.regex() + "/" + p.flags();
        boolean fresh = c.total.add(key);
        PcreTranslator.Translated t;
        try {
          t = PcreTranslator.translate(p);
        } catch (org.vigil.compiler.analysis.BackendException e) {
          c.untranslatable.add(key);
          continue;
        }
        if (!fresh) {
          continue;
        }
        PcreProgram prog =
            programs.computeIfAbsent(
                t.regex() + "\u0000" + t.flags(), k -> PcreProgram.of(t.regex(), t.flags(), guard));
        switch (prog) {
          case Re2Program x -> c.re2.add(key);
          case BacktrackProgram x -> c.backtrack.add(key);
          case LinkedPcre x -> throw new AssertionError("of() chooses the engine at once");
        }
        Pattern legacy = t.compile();
        for (byte[] s : subjects(r, p, rnd)) {
          compare(c, r, p, legacy, prog, t.anchored(), s);
        }
      }
    }
    System.out.println("[pcre-diff] " + dir + ": " + c);
    c.mismatches.stream().limit(20).forEach(m -> System.out.println("[pcre-diff]   " + m));
    c.budgetNoMatch.stream()
        .limit(20)
        .forEach(m -> System.out.println("[pcre-diff]   budget hit, no match either way: " + m));
    assertTrue(c.total.size() > 100, "the rule set has pcres: " + c);
    assertTrue(c.matches > 0, "some searches match: " + c);
    assertEquals(List.of(), c.mismatches.stream().limit(20).toList(), c.toString());
    // a search the budget stops is one the unbounded engine also ends without a match, and rarely
    assertTrue(c.budgetHits <= c.searches / 10_000, c.toString());
  }

  private static void compare(
      Counts c, Rule r, Pcre p, Pattern legacy, PcreProgram prog, boolean anchored, byte[] s) {
    int len = s.length;
    int third = len / 3;
    long first = one(c, r, p, legacy, prog, s, 0, 0, anchored);
    if (first >= 0) {
      one(c, r, p, legacy, prog, s, 0, PcreSupport.start(first) + 1, anchored);
    } else {
      one(c, r, p, legacy, prog, s, 0, third, anchored);
    }
    long rel = one(c, r, p, legacy, prog, s, third, third, anchored);
    if (rel >= 0) {
      one(c, r, p, legacy, prog, s, third, PcreSupport.start(rel) + 1, anchored);
    }
  }

  private static long one(
      Counts c,
      Rule r,
      Pcre p,
      Pattern legacy,
      PcreProgram prog,
      byte[] s,
      int subject,
      int from,
      boolean anchored) {
    long want;
    try {
      want = org.vigil.testing.JavaRegexSearch.search(legacy, s, subject, from, anchored);
    } catch (StackOverflowError e) {
      c.legacyFailed++;
      return -1;
    }
    long got = prog.search(s, 0, s.length, subject, from, anchored);
    c.searches++;
    if (want >= 0) {
      c.matches++;
    }
    if (got == PcreProgram.LIMIT) {
      c.budgetHits++;
      String what =
          "sid "
              + r.sid()
              + " /"
              + p.regex()
              + "/ over "
              + (s.length - subject)
              + " bytes: old engine "
              + pos(want)
              + " after "
              + reads(legacy, s, subject, from, anchored)
              + " reads";
      if (want >= 0 || p.negated()) {
        c.mismatches.add("budget hit changes the rule's result: " + what);
      } else {
        c.budgetNoMatch.add(what);
      }
      return want;
    }
    if (got != want) {
      c.mismatches.add(
          "sid "
              + r.sid()
              + " /"
              + p.regex()
              + "/"
              + p.flags()
              + " engine "
              + prog.getClass().getSimpleName()
              + " subject@"
              + subject
              + " from "
              + from
              + ": old "
              + pos(want)
              + " new "
              + pos(got)
              + " on '"
              + printable(s)
              + "'");
    }
    return want;
  }

  private static long reads(Pattern p, byte[] s, int subject, int from, boolean anchored) {
    long[] n = {0};
    CharSequence cs =
        new CharSequence() {
          public int length() {
            return s.length;
          }

          public char charAt(int i) {
            n[0]++;
            return (char) (s[i] & 0xff);
          }

          public CharSequence subSequence(int a, int b) {
            throw new UnsupportedOperationException();
          }
        };
    var m = p.matcher(cs);
    m.region(from, s.length);
    if (from > subject) {
      m.useAnchoringBounds(false);
      m.useTransparentBounds(true);
    }
    if (anchored ? m.lookingAt() : m.find()) {
      return -n[0];
    }
    return n[0];
  }

  private static String pos(long r) {
    return r < 0 ? String.valueOf(r) : PcreSupport.start(r) + ".." + PcreSupport.end(r);
  }

  private static String printable(byte[] s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(s.length, 160); i++) {
      int ch = s[i] & 0xff;
      b.append(ch >= 0x20 && ch < 0x7f ? String.valueOf((char) ch) : String.format("\\x%02x", ch));
    }
    return b.toString();
  }

  /**
   * Subjects for one pcre: built from the rule's contents and pattern, corpus payloads holding a
   * content, random payloads.
   */
  private static List<byte[]> subjects(Rule r, Pcre p, Random rnd) {
    List<byte[]> out = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (Content ct : r.all(Content.class)) {
      if (!ct.negated()) {
        contents.add(ct.pattern().data());
      }
    }
    String src = p.regex();
    out.add(src.getBytes(StandardCharsets.ISO_8859_1));
    out.add(literalText(src).getBytes(StandardCharsets.ISO_8859_1));
    for (String sep : new String[] {"", " ", "\r\n", "/a=1&"}) {
      StringBuilder b = new StringBuilder();
      for (byte[] ct : contents) {
        b.append(new String(ct, StandardCharsets.ISO_8859_1)).append(sep);
      }
      b.append(literalText(src)).append(sep).append("\n");
      out.add(b.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.add(b.toString().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1));
      String lead = literalText(src) + sep;
      for (byte[] ct : contents) {
        lead += new String(ct, StandardCharsets.ISO_8859_1);
      }
      out.add(lead.getBytes(StandardCharsets.ISO_8859_1));
    }
    for (byte[] ct : contents) {
      if (ct.length >= 4) {
        List<Integer> ids = grams.getOrDefault(gram(ct, 0), List.of());
        for (int k = 0; k < Math.min(ids.size(), 4); k++) {
          out.add(pool.get(ids.get(k)));
        }
      }
    }
    for (int k = 0; k < 4; k++) {
      out.add(pool.get(rnd.nextInt(pool.size())));
    }
    return out;
  }

  /**
   * The pattern with escapes and operators dropped: text that often matches, or nearly matches, it.
   */
  private static String literalText(String re) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < re.length(); i++) {
      char ch = re.charAt(i);
      if (ch == '\\' && i + 1 < re.length()) {
        char e = re.charAt(++i);
        switch (e) {
          case 'd' -> b.append('7');
          case 'w' -> b.append('w');
          case 's' -> b.append(' ');
          case 'r' -> b.append('\r');
          case 'n' -> b.append('\n');
          case 'x' -> {
            if (i + 2 < re.length() && re.substring(i + 1, i + 3).matches("[0-9a-fA-F]{2}")) {
              b.append((char) Integer.parseInt(re.substring(i + 1, i + 3), 16));
              i += 2;
            }
          }
          default -> {
            if (!Character.isLetterOrDigit(e)) {
              b.append(e);
            }
          }
        }
      } else if ("^$()[]|*+?{}".indexOf(ch) < 0) {
        b.append(ch == '.' ? 'x' : ch);
      }
    }
    return b.toString();
  }
}
