package org.vigil.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared test corpus (system property vigil.corpus); tests are skipped when it is
 * absent.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus folder, or the test is skipped with a message naming the path looked at. */
  public static Path dir() {
    String p = System.getProperty("vigil.corpus", "../shared/corpus");
    Path d = Path.of(p);
    Assumptions.assumeTrue(Files.isDirectory(d), "corpus not found at " + d.toAbsolutePath());
    return d;
  }

  /** A path inside the corpus; the test is skipped when it does not exist. */
  public static Path file(String relative) {
    Path f = dir().resolve(relative);
    Assumptions.assumeTrue(Files.exists(f), "corpus file not found at " + f.toAbsolutePath());
    return f;
  }
}
