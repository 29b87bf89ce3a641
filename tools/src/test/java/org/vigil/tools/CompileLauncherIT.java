package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bin/vigil compile --check} over ET Open, as the "done means" runs it. */
class CompileLauncherIT {

  @Test
  void etOpenChecksLikeSuricata() throws Exception {
    Path et =
        Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
            .toAbsolutePath()
            .resolve("rules/et-open");
    Assumptions.assumeTrue(Files.isDirectory(et), "corpus not found at " + et);
    Path dir = Files.createTempDirectory("vigil-compile");
    Path report = dir.resolve("r.json");
    LauncherIT.Proc p =
        LauncherIT.vigil(
            Map.of(),
            dir,
            "compile",
            "-S",
            et.toString(),
            "--check",
            "--report",
            report.toString());
    assertEquals(1, p.code(), "21 rules fail the check: " + p.err());
    assertTrue(p.out().contains("20196 rules checked: 20175 loaded, 21 failed"), p.out());
    String json = Files.readString(report);
    assertTrue(json.contains("\"rules_loaded\" : 20175"), json);
    assertTrue(p.err().contains("emerging-dns.rules:67:"), p.err());
  }
}
