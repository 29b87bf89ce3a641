package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code vigil run} killed with SIGKILL in the middle of a capture folder loses no alert it had
 * already written out: every alert line in its eve.json (written only after the durable append) is
 * in the Chronicle alert log that {@code vigil alerts} reads afterwards; and a second run into the
 * same folder first brings eve.json and fast.log up to that log, so all three hold the same alerts,
 * none twice.
 */
class RunKillIT {
  static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
  static final Path PCAP =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
          .resolve("pcaps/zeek/http/1000-requests-one-dropped-response.pcap");

  @TempDir Path dir;

  @Test
  void acknowledgedAlertsSurviveSigkill() throws Exception {
    assumeTrue(Files.exists(PCAP), "corpus capture not found at " + PCAP);
    Path logs = dir.resolve("logs");
    Path eve = logs.resolve("eve.json");
    killMidRun(logs);
    List<String> written = alertLines(eve);
    assertTrue(
        written.size() >= 2000, "only " + written.size() + " alerts written before the kill");
    CliRun read = CliRun.of("alerts", logs.toString(), "--format", "eve");
    assertEquals(0, read.code(), read.err());
    Set<String> logged = new HashSet<>();
    read.out().lines().map(RunKillIT::key).forEach(logged::add);
    for (String line : written) {
      assertTrue(
          logged.contains(key(line)),
          "alert written to eve.json but missing from the alert log: " + line);
    }
    assertTrue(logged.size() < 40 * 999, "the run was killed before its end");
  }

  @Test
  void aRerunIntoTheFolderMakesEveAndFastHoldTheAlertLog() throws Exception {
    assumeTrue(Files.exists(PCAP), "corpus capture not found at " + PCAP);
    Path logs = dir.resolve("logs");
    killMidRun(logs);
    int logged =
        CliRun.of("alerts", logs.toString(), "--format", "eve").out().lines().toList().size();
    System.out.printf(
        "RunKillIT: after kill -9: %d alerts in the alert log, %d in eve.json, %d in fast.log%n",
        logged,
        alertLines(logs.resolve("eve.json")).size(),
        completeLines(logs.resolve("fast.log")).size());

    Path again = Files.createDirectories(dir.resolve("again"));
    Files.createSymbolicLink(again.resolve("rerun.pcap"), PCAP.toAbsolutePath());
    Process rerun =
        new ProcessBuilder(
                ROOT.resolve("bin/vigil").toString(),
                "run",
                "-r",
                again.toString(),
                "-S",
                dir.resolve("nginx.rules").toString(),
                "-l",
                logs.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rerun.out").toFile())
            .start();
    assertTrue(rerun.waitFor(120, TimeUnit.SECONDS), "the second run did not end");
    assertEquals(0, rerun.exitValue(), Files.readString(dir.resolve("rerun.out")));

    List<String> eveAlerts = alertLines(logs.resolve("eve.json"));
    CliRun readEve = CliRun.of("alerts", logs.toString(), "--format", "eve");
    assertEquals(0, readEve.code(), readEve.err());
    List<String> logEve = readEve.out().lines().toList();
    assertTrue(
        logEve.size() > logged && logEve.stream().anyMatch(l -> l.contains("rerun.pcap")),
        "the second run's alerts are in the alert log");
    assertSameLines(logEve, eveAlerts, "eve.json");
    CliRun readFast = CliRun.of("alerts", logs.toString(), "--format", "fast");
    assertEquals(0, readFast.code(), readFast.err());
    assertSameLines(
        readFast.out().lines().toList(), completeLines(logs.resolve("fast.log")), "fast.log");
    Set<String> keys = new HashSet<>();
    for (String line : logEve) {
      assertTrue(keys.add(key(line)), "alert logged twice: " + line);
    }
    assertEquals(
        Files.size(logs.resolve("eve.json")),
        Files.readString(logs.resolve("eve.json")).lastIndexOf('\n') + 1L,
        "eve.json ends with a whole line");
  }

  /**
   * The file's lines are the alert log's, in its order (the EVE generator starts every record after
   * a file's first with a space, so lines are compared stripped); names the first that differs.
   */
  private static void assertSameLines(List<String> logged, List<String> file, String name) {
    for (int i = 0; i < Math.min(logged.size(), file.size()); i++) {
      assertEquals(
          logged.get(i).strip(),
          file.get(i).strip(),
          name + " line " + (i + 1) + " of " + file.size());
    }
    assertEquals(logged.size(), file.size(), name + " alerts vs vigil alerts");
  }

  /**
   * Starts {@code vigil run} over 40 copies of the capture into {@code logs} and SIGKILLs it after
   * 2,000 alerts.
   */
  private void killMidRun(Path logs) throws Exception {
    Path captures = Files.createDirectories(dir.resolve("captures"));
    for (int i = 0; i < 40; i++) {
      Files.createSymbolicLink(
          captures.resolve(String.format("c%02d.pcap", i)), PCAP.toAbsolutePath());
    }
    Path rules = dir.resolve("nginx.rules");
    Files.writeString(
        rules,
        "alert tcp any 80 -> any any (msg:\"nginx welcome page\"; flow:from_server,established; "
            + "content:\"200\"; http_stat_code; file_data; content:\"<title>Welcome to nginx!</title>\"; sid:1; rev:1;)\n");
    Process run =
        new ProcessBuilder(
                ROOT.resolve("bin/vigil").toString(),
                "run",
                "-r",
                captures.toString(),
                "-S",
                rules.toString(),
                "-l",
                logs.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("run.out").toFile())
            .start();
    Path eve = logs.resolve("eve.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (alertLines(eve).size() < 2000 && run.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(
        run.isAlive(),
        "the run ended before it could be killed: " + Files.readString(dir.resolve("run.out")));
    new ProcessBuilder("kill", "-KILL", Long.toString(run.pid())).start().waitFor();
    assertEquals(137, run.waitFor(), "not killed by SIGKILL");
  }

  /** Complete lines of a file (a torn last line is left out). */
  private static List<String> completeLines(Path file) throws Exception {
    String all = Files.readString(file);
    int end = all.lastIndexOf('\n');
    return end < 0 ? List.of() : all.substring(0, end).lines().toList();
  }

  /** Complete alert lines of eve.json (a torn last line is left out). */
  private static List<String> alertLines(Path eve) throws Exception {
    if (!Files.exists(eve)) {
      return List.of();
    }
    String all = Files.readString(eve);
    int end = all.lastIndexOf('\n');
    return end < 0
        ? List.of()
        : all.substring(0, end)
            .lines()
            .filter(l -> l.contains("\"event_type\":\"alert\""))
            .toList();
  }

  /** Which alert a line is: its capture, packet number and timestamp. */
  private static String key(String line) {
    return field(line, "\"pcap_filename\":\"", '"')
        + "#"
        + field(line, "\"pcap_cnt\":", ',')
        + "@"
        + field(line, "\"timestamp\":\"", '"');
  }

  private static String field(String line, String start, char end) {
    int i = line.indexOf(start);
    if (i < 0) {
      return "";
    }
    i += start.length();
    int j = line.indexOf(end, i);
    return j < 0 ? line.substring(i) : line.substring(i, j);
  }
}
