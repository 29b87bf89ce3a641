package org.vigil.bench;

import java.nio.file.Path;
import java.util.List;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;

/**
 * Compile-time measurement (one whole compile per round, not a JMH benchmark): parses and compiles
 * a rule set {@code rounds} times in one JVM and prints the front end and back end time of each
 * round, the first round being the cold one {@code vigil compile} pays. Usage: {@code java -cp
 * benchmarks.jar org.vigil.bench.CompileMeasure [rules] [rounds]}.
 */
public final class CompileMeasure {
  private CompileMeasure() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path rules =
        args.length > 0 ? Path.of(args[0]) : HttpPayloads.corpus().resolve("rules/et-open");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
      long t1 = System.nanoTime();
      Compilation comp = Compilation.run(front, classes, "");
      long t2 = System.nanoTime();
      System.out.printf(
          "round %d: %d rules; front end %.2f s, back end %.2f s, total %.2f s%n",
          i, comp.backend().plans().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9);
    }
  }
}
