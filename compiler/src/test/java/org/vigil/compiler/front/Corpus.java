package org.vigil.compiler.front;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared test corpus (system property vigil.corpus) or skips the test. */
final class Corpus {
  private Corpus() {}

  static Path root() {
    String p = System.getProperty("vigil.corpus", "../../shared/corpus");
    Path root = Path.of(p);
    Assumptions.assumeTrue(
        Files.isDirectory(root.resolve("rules")), "corpus not found at " + root.toAbsolutePath());
    return root;
  }
}
