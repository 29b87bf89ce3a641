package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged rules are reported one by one and never break the load (no internal errors, nothing
 * lost).
 */
class FrontEndRobustnessTest {

  @ParameterizedTest
  @ValueSource(strings = {"rules/snort-community", "rules/et-open"})
  void mutatedRulesAreReportedNotCrashed(String dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (java.nio.file.Path f : FrontEnd.expand(List.of(Corpus.root().resolve(dir)))) {
      for (String l : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
        if (l.startsWith("alert")) {
          lines.add(l);
        }
      }
    }
    Random rnd = new Random(7);
    String junk = ";:,\"|\\!<>()[]$-0123456789abcxyz \t";
    StringBuilder text = new StringBuilder();
    int n = 3000;
    for (int i = 0; i < n; i++) {
      StringBuilder l = new StringBuilder(lines.get(rnd.nextInt(lines.size())));
      int edits = 1 + rnd.nextInt(3);
      for (int k = 0; k < edits; k++) {
        int at = rnd.nextInt(l.length());
        switch (rnd.nextInt(4)) {
          case 0 -> l.deleteCharAt(at);
          case 1 -> l.insert(at, junk.charAt(rnd.nextInt(junk.length())));
          case 2 -> l.setLength(Math.max(1, at));
          default -> l.setCharAt(at, junk.charAt(rnd.nextInt(junk.length())));
        }
      }
      // keep each mutated rule on its own line and starting like a rule
      String s = l.toString().replace('\n', ' ').replace('\r', ' ');
      // a trailing backslash would join the next line (continuation): not what this test is about
      s = s.replaceAll("[\\\\ \t]+$", "");
      text.append("alert ").append(s.startsWith("alert") ? s.substring(5) : s).append('\n');
    }
    ParseResult r = FrontEnd.parseText("mutated.rules", text.toString(), Variables.defaults());
    assertEquals(n, r.total());
    assertEquals(n, r.rules().size() + r.errors().size());
    List<String> internal = new ArrayList<>();
    for (Diagnostic d : r.errors()) {
      if (d.reason().equals("internal error")) {
        internal.add(d.format());
      }
    }
    assertEquals(List.of(), internal.subList(0, Math.min(10, internal.size())));
  }
}
