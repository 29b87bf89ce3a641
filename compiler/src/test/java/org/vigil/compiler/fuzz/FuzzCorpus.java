package org.vigil.compiler.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Seeds for the compiler module's fuzz tests, written at test time into Jazzer's generated corpus
 * folder ({@code <jazzer.internal.basedir>/.cifuzz-corpus/<class>/<method>/}, the build's target
 * folder in the Maven run), so that nothing of the shared corpus is copied into the project.
 */
final class FuzzCorpus {
  private FuzzCorpus() {}

  /** The shared corpus folder, or null when it is absent. */
  static Path corpus() {
    Path d = Path.of(System.getProperty("vigil.corpus", "../shared/corpus"));
    return Files.isDirectory(d) ? d : null;
  }

  /** The generated corpus folder of fuzz test {@code test}.{@code method}. */
  static Path generated(Class<?> test, String method) {
    return Path.of(System.getProperty("jazzer.internal.basedir", ""))
        .toAbsolutePath()
        .resolve(".cifuzz-corpus")
        .resolve(test.getName())
        .resolve(method);
  }

  /**
   * Empties the generated corpus of fuzz test {@code test}.{@code method} so that each build's
   * short run starts from the seeds alone, unless the environment variable VIGIL_FUZZ_KEEP_CORPUS
   * is set.
   */
  static void reset(Class<?> test, String method) {
    if (System.getenv("VIGIL_FUZZ_KEEP_CORPUS") != null) {
      return;
    }
    Path dir = generated(test, method);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var s = Files.list(dir)) {
      for (Path f : s.toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds {@code data} as a seed of fuzz test {@code test}.{@code method}. */
  static void add(Class<?> test, String method, byte[] data) {
    Path dir = generated(test, method);
    try {
      Files.createDirectories(dir);
      Path f =
          dir.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data)));
      if (!Files.exists(f)) {
        Files.write(f, data);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
