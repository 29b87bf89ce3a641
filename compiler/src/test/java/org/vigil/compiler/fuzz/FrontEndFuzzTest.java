package org.vigil.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.compiler.front.Diagnostic;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.VigilConfig;

/**
 * Any rule text given to the rule front end ({@link FrontEnd#parseText}, which declares no
 * exception) yields rules and diagnostics only: no exception, and every diagnostic has a position
 * and a message. Seeded with rules of the shared corpus's ET Open and community sets (every 400th
 * rule line, in groups of three lines) and a few hand-written ones.
 */
class FrontEndFuzzTest {
  private static final Variables VARS = Variables.from(VigilConfig.load(null, List.of()));
  private static final String METHOD = "anyRuleTextGivesRulesOrDiagnostics";

  @BeforeAll
  static void seeds() throws IOException {
    FuzzCorpus.reset(FrontEndFuzzTest.class, METHOD);
    String[] own = {
      "alert tcp any any -> any 80 (msg:\"a;b\"; content:\"GET\"; nocase; sid:1; rev:1;)\n",
      "alert http $HOME_NET any -> !$EXTERNAL_NET [80,8080:] (http.uri; content:\"/x\"; pcre:\"/a+b/Ui\"; sid:2;)\n",
      "drop tcp any any <> any any (flow:established,to_server; byte_test:4,>,1,0,relative; \\\n sid:3;)\n",
      "alert udp any any -> any any (byte_math:bytes 2, offset 0, oper <<, rvalue 3, result r,"
          + " relative, endian little, bitmask 0xff0; byte_test:1,=,r,0; sid:4;)\n",
      "alert dns any any -> any any (dns.query; content:\"a\"; xor:\"0d0a\"; pcrexform:\"x(\\d+)\";"
          + " to_md5; dataset:set,s,type md5,state s.lst,memcap 1mb; datarep:t, >, 3; sid:5;)\n",
    };
    for (String r : own) {
      FuzzCorpus.add(FrontEndFuzzTest.class, METHOD, r.getBytes(StandardCharsets.UTF_8));
    }
    Path c = FuzzCorpus.corpus();
    if (c == null) {
      return;
    }
    for (String set : List.of("rules/et-open-2024", "rules/snort-community", "rules/et-open")) {
      if (!Files.isDirectory(c.resolve(set))) {
        continue;
      }
      try (var files = Files.list(c.resolve(set))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".rules")).sorted().toList()) {
          List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
          for (int i = 0; i + 3 <= lines.size(); i += 400) {
            String text = String.join("\n", lines.subList(i, i + 3)) + "\n";
            FuzzCorpus.add(FrontEndFuzzTest.class, METHOD, text.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyRuleTextGivesRulesOrDiagnostics(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    ParseResult r = FrontEnd.parseText("fuzz.rules", text, VARS);
    for (Diagnostic d : r.errors()) {
      assertTrue(
          d.pos() != null && d.message() != null && !d.message().isBlank(),
          "diagnostic without position or message: " + d);
    }
    assertTrue(r.rules().size() <= r.total(), "more rules than rule lines");
  }
}
