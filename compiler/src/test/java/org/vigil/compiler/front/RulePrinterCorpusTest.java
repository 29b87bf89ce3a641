package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.compiler.ir.IrComparison;
import org.vigil.compiler.ir.Rule;

/** For every rule of both corpora: parse(print(ir)) equals ir, apart from source positions. */
class RulePrinterCorpusTest {

  @ParameterizedTest
  @ValueSource(strings = {"rules/et-open", "rules/snort-community"})
  void printedRulesParseBackToTheSameIr(String dir) throws IOException {
    long t0 = System.nanoTime();
    ParseResult original =
        FrontEnd.parse(List.of(Corpus.root().resolve(dir)), Variables.defaults());
    long t1 = System.nanoTime();
    StringBuilder text = new StringBuilder();
    for (Rule r : original.rules()) {
      text.append(RulePrinter.print(r)).append('\n');
    }
    long t2 = System.nanoTime();
    ParseResult again = FrontEnd.parseText("printed.rules", text.toString(), Variables.defaults());
    long t3 = System.nanoTime();
    System.out.printf(
        "%s: parse %d ms, print %d ms, parse printed %d ms%n",
        dir, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    List<String> problems = new ArrayList<>();
    for (Diagnostic d : again.errors()) {
      problems.add(d.format());
    }
    assertEquals(
        List.of(),
        problems.subList(0, Math.min(20, problems.size())),
        "printed rules that fail to parse");
    assertEquals(original.rules().size(), again.rules().size());
    int differing = 0;
    for (int i = 0; i < original.rules().size(); i++) {
      String d =
          IrComparison.firstDifference(original.rules().get(i), again.rules().get(i), "rule");
      if (d != null) {
        if (differing++ < 20) {
          problems.add(
              "sid "
                  + original.rules().get(i).sid()
                  + ": "
                  + d
                  + "\n  printed: "
                  + RulePrinter.print(original.rules().get(i)));
        }
      }
    }
    assertTrue(
        problems.isEmpty(),
        differing + " rules differ after printing:\n" + String.join("\n", problems));
  }
}
