package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The front end's load/reject decisions over ET Open and the community rules against Suricata 7's:
 * every rule Suricata loads must load, and what Vigil rejects must be among what Suricata rejected.
 */
class FrontEndCorpusTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"et-open, rules/et-open, 20196", "community, rules/snort-community, 3200"})
  void rejectsOnlyWhatSuricataRejects(String set, String dir, int activeRules) throws IOException {
    Path root = Corpus.root();
    ParseResult r = FrontEnd.parse(List.of(root.resolve(dir)), Variables.defaults());

    Map<Long, String> suricataFailed = new TreeMap<>();
    for (String line :
        Files.readAllLines(root.resolve("expected/suricata-7.0.10/" + set + "/rules-failed.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      suricataFailed.put(Long.parseLong(f[0]), f[2]);
    }
    TreeSet<Long> vigilFailed = new TreeSet<>();
    List<String> notInSuricata = new ArrayList<>();
    for (Diagnostic d : r.errors()) {
      if (d.sid() != null) {
        vigilFailed.add(d.sid());
      }
      if (d.sid() == null || !suricataFailed.containsKey(d.sid())) {
        notInSuricata.add(d.format());
      }
    }
    List<String> loadedAnyway = new ArrayList<>();
    for (Map.Entry<Long, String> e : suricataFailed.entrySet()) {
      if (!vigilFailed.contains(e.getKey())) {
        loadedAnyway.add(e.getKey() + "\t" + e.getValue());
      }
    }
    System.out.printf(
        "%s: %d rules, %d loaded, %d rejected (Suricata rejected %d); summary %s%n",
        set, r.total(), r.rules().size(), r.errors().size(), suricataFailed.size(), r.summary());
    if (!loadedAnyway.isEmpty()) {
      System.out.println(
          set
              + ": loaded by Vigil although Suricata 7 rejects them:\n  "
              + String.join("\n  ", loadedAnyway));
    }
    if (!notInSuricata.isEmpty()) {
      System.out.println(
          set
              + ": rejected by Vigil although Suricata 7 loads them:\n"
              + String.join("\n", notInSuricata));
    }
    assertEquals(activeRules, r.total(), "active rules read");
    assertEquals(
        r.total(),
        r.rules().size() + r.errors().size(),
        "every rule is either loaded or reported once");
    assertTrue(
        notInSuricata.isEmpty(), notInSuricata.size() + " rules rejected that Suricata 7 loads");
  }
}
