package org.vigil.compiler.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.analysis.Diagnostic;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.artifact.RulesetImage;

/**
 * Compiles the real rule sets end to end: what the back end rejects, and that the artifact
 * round-trips.
 */
class RulesetCompilerCorpusTest {

  static Path corpus() {
    Path root = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
    Assumptions.assumeTrue(
        Files.isDirectory(root.resolve("rules")), "corpus not found at " + root.toAbsolutePath());
    return root;
  }

  private static Map<String, Integer> reasons(List<Diagnostic> errors) {
    Map<String, Integer> m = new TreeMap<>();
    for (Diagnostic d : errors) {
      String msg = d.message().replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
      m.merge(msg.length() > 90 ? msg.substring(0, 90) : msg, 1, Integer::sum);
    }
    return m;
  }

  private static void compileAndRoundTrip(Path rules, int maxRejected) throws Exception {
    long t0 = System.nanoTime();
    ParseResult pr = FrontEnd.parse(List.of(rules), Variables.defaults());
    long t1 = System.nanoTime();
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules(), Map.of(), "test");
    long t2 = System.nanoTime();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    res.image().write(bos);
    long t3 = System.nanoTime();
    Ruleset rs = RulesetLinker.link(RulesetImage.read(new ByteArrayInputStream(bos.toByteArray())));
    long t4 = System.nanoTime();
    System.out.printf(
        "%s: %d parsed, %d compiled, %d rejected by the back end; parse %d ms, compile %d ms, write %d ms (%d KB), load %d ms%n",
        rules.getFileName(),
        pr.rules().size(),
        res.plans().size(),
        res.errors().size(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        bos.size() / 1024,
        (t4 - t3) / 1_000_000);
    reasons(res.errors()).forEach((k, v) -> System.out.println("  " + v + " x " + k));
    assertEquals(
        pr.rules().size(),
        res.plans().size() + res.errors().size(),
        "every rule is compiled or reported");
    assertEquals(res.plans().size(), rs.size());
    assertTrue(res.errors().size() <= maxRejected, "back end rejected " + res.errors().size());
  }

  @Test
  void etOpenCompilesAndRoundTrips() throws Exception {
    compileAndRoundTrip(corpus().resolve("rules/et-open"), 400);
  }

  @Test
  void communityCompilesAndRoundTrips() throws Exception {
    compileAndRoundTrip(corpus().resolve("rules/snort-community"), 100);
  }
}
