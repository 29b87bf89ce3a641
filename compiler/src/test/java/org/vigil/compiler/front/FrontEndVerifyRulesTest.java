package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.IrComparison;
import org.vigil.compiler.ir.Rule;

/**
 * The Snort-syntax rules of the suricata-verify subset (rules.snort, or test.rules for the tests
 * written in Snort syntax) all load, and print back to the same IR.
 */
class FrontEndVerifyRulesTest {

  @Test
  void everyVerifyRuleLoadsAndRoundTrips() throws IOException {
    Path verify = Corpus.root().resolve("verify");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(verify)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path f =
            Files.isRegularFile(d.resolve("rules.snort"))
                ? d.resolve("rules.snort")
                : d.resolve("test.rules");
        if (Files.isRegularFile(f)) {
          files.add(f);
        }
      }
    }
    List<String> problems = new ArrayList<>();
    int total = 0;
    for (Path f : files) {
      ParseResult r = FrontEnd.parse(List.of(f), Variables.defaults());
      total += r.total();
      for (Diagnostic d : r.errors()) {
        problems.add(d.format());
      }
      for (Rule rule : r.rules()) {
        Rule again =
            FrontEnd.parseText(
                    "printed.rules", RulePrinter.print(rule) + "\n", Variables.defaults())
                .rules()
                .stream()
                .findFirst()
                .orElse(null);
        if (!IrComparison.equalIgnoringPositions(rule, again)) {
          problems.add(
              f + " sid " + rule.sid() + " does not round-trip: " + RulePrinter.print(rule));
        }
      }
    }
    assertTrue(files.size() > 250, "verify tests found: " + files.size());
    assertTrue(total > 500, "rules found: " + total);
    assertEquals(List.of(), problems);
  }
}
