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
    ParseResult original = FrontEnd.parse(List.of(Corpus.root().resolve(dir)), Variables.defaults());
    StringBuilder text = new StringBuilder();
    for (Rule r : original.rules()) {
      text.append(RulePrinter.print(r)).append('\n');
    }
    ParseResult again = FrontEnd.parseText("printed.rules", text.toString(), Variables.defaults());
    List<String> problems = new ArrayList<>();
    for (Diagnostic d : again.errors()) {
      problems.add(d.format());
    }
    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), "printed rules that fail to parse");
    assertEquals(original.rules().size(), again.rules().size());
    int differing = 0;
    for (int i = 0; i < original.rules().size(); i++) {
      String d = IrComparison.firstDifference(original.rules().get(i), again.rules().get(i), "rule");
      if (d != null) {
        if (differing++ < 20) {
          problems.add("sid " + original.rules().get(i).sid() + ": " + d + "\n  printed: "
              + RulePrinter.print(original.rules().get(i)));
        }
      }
    }
    assertTrue(problems.isEmpty(), differing + " rules differ after printing:\n" + String.join("\n", problems));
  }
}
