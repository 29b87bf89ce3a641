package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code vigil ship} and {@code outputs.kafka} say when they cannot start (no broker needed).
 */
@Timeout(120)
class ShipCommandTest {
  @TempDir Path dir;

  /**
   * A shipper whose broker never answers does not retry in silence for ever: each failure is told,
   * and after --give-up-after seconds with nothing shipped it exits 1 saying why.
   */
  @Test
  void aShipperThatCannotReachKafkaGivesUpAndSaysWhy() throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("r.rules"), "alert tcp any any -> any any (msg:\"x\"; sid:1; rev:1;)\n");
    Path logs = dir.resolve("logs");
    CliRun run =
        CliRun.of(
            "run",
            "-r",
            Path.of(System.getProperty("vigil.root", ".."), "rules/demo/demo.pcap").toString(),
            "-S",
            rules.toString(),
            "-l",
            logs.toString());
    assertEquals(0, run.code(), run.err());
    int nobody;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      nobody = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    CliRun r =
        CliRun.of(
            "ship",
            logs.toString(),
            "--bootstrap-servers",
            "127.0.0.1:" + nobody,
            "--give-up-after",
            "8",
            "-X",
            "max.block.ms=500");
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertEquals(Vigil.EXIT_FAILURE, r.code(), r.err());
    assertTrue(r.err().contains("(retrying)"), r.err());
    assertTrue(r.err().contains("vigil ship: gave up: nothing shipped for "), r.err());
    assertTrue(r.err().contains("TimeoutException"), r.err());
    assertTrue(seconds < 60, "gave up after " + seconds + " s");
  }

  @Test
  void aFolderWithoutAlertLogIsRefused() {
    CliRun r = CliRun.of("ship", dir.toString(), "--bootstrap-servers", "127.0.0.1:9");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("no alert log in " + dir), r.err());
  }

  @Test
  void aNegativeGiveUpTimeIsRefused() {
    CliRun r =
        CliRun.of(
            "ship", dir.toString(), "--bootstrap-servers", "127.0.0.1:9", "--give-up-after", "-5");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--give-up-after wants seconds >= 0"), r.err());
  }

  @Test
  void withoutBrokersTheMissingKeyIsNamed() {
    CliRun r = CliRun.of("ship", dir.toString());
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("outputs.kafka.bootstrap-servers: required"), r.err());
  }

  @Test
  void aRunWithABadKafkaSettingStopsBeforeItStartsAndNamesTheKey() throws Exception {
    Path yaml =
        Files.writeString(
            dir.resolve("vigil.yaml"),
            "outputs:\n  kafka: {enabled: yes, bootstrap-servers: 127.0.0.1:9, compression: brotli}\n");
    Path rules =
        Files.writeString(
            dir.resolve("r.rules"), "alert tcp any any -> any any (msg:\"x\"; sid:1; rev:1;)\n");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            Path.of(System.getProperty("vigil.root", ".."), "rules/demo/demo.pcap").toString(),
            "-S",
            rules.toString(),
            "-c",
            yaml.toString(),
            "-l",
            dir.resolve("logs").toString());
    assertEquals(Vigil.EXIT_USAGE, r.code(), r.err());
    assertTrue(r.err().contains("outputs.kafka.compression"), r.err());
    assertTrue(r.err().contains("brotli"), r.err());
  }
}
